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
}

export function getVocabularies(): Promise<Vocabularies> {
  return request<Vocabularies>('/api/v1/vocabularies')
}
