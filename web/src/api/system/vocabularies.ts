import { request } from '../request'

/** One code with its Chinese and English labels. */
export interface VocabularyTerm {
  code: string
  zh: string
  en: string
}

export interface Vocabularies {
  roles: VocabularyTerm[]
  unit_kinds: VocabularyTerm[]
  group_roles: VocabularyTerm[]
  channels: VocabularyTerm[]
  sources: VocabularyTerm[]
  levels: VocabularyTerm[]
  content_types: VocabularyTerm[]
  legal_categories: VocabularyTerm[]
  pollution_types: VocabularyTerm[]
  petition_flags: VocabularyTerm[]
  petition_statuses: VocabularyTerm[]
  workflow_actions: VocabularyTerm[]
  reply_ways: VocabularyTerm[]
  satisfactions: VocabularyTerm[]
  deadline_kinds: VocabularyTerm[]
}

export function getVocabularies(): Promise<Vocabularies> {
  return request<Vocabularies>('/api/v1/vocabularies')
}
