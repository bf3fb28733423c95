import { request, type ListResult, type PageQuery } from '../request'
import type { NamedRef } from '../org/groups'
import type { FieldVisit } from './field-visits'

/** 化解中 / 稳控中 / 已化解 */
export type KeyCaseStage = 'resolving' | 'stabilising' | 'resolved'
/** 局领导包案 or, once escalated, 区领导包案. */
export type OwnerLevel = 'bureau' | 'district'
export type LedgerKind =
  'field_visit' | 'inspection' | 'consultation' | 'call' | 'petition' | 'other'
export type DocumentKind = 'minutes' | 'closing_report' | 'special_report'

export const kStages: KeyCaseStage[] = ['resolving', 'stabilising', 'resolved']
export const kLedgerKinds: LedgerKind[] = [
  'field_visit',
  'inspection',
  'consultation',
  'call',
  'petition',
  'other',
]

export interface CaseTask {
  id: number
  key_case_id: number
  unit: NamedRef
  content: string
  deadline: string | null
  done: boolean
  result: string | null
  done_at: string | null
  created_at: string
  key_case?: { id: number; location: string; region: string; stage: string }
}

export interface LedgerEntry {
  id: number
  kind: LedgerKind
  on_date: string
  summary: string
  field_visit_id: number | null
  document_id: number | null
  petition_id: number | null
  user: string | null
  created_at: string
}

/** Minutes, the closing report or a special report; `body` is Markdown. */
export interface CaseDocument {
  id: number
  key_case_id: number
  kind: DocumentKind
  title: string
  body: string
  held_on: string | null
  created_by: string | null
  created_at: string
  updated_at: string
  settlement?: string | null
  petitioner_stopped?: boolean | null
}

export interface CaseAttachment {
  id: number
  key_case_id: number
  document_id: number | null
  filename: string
  content_type: string
  size: number
  sha256: string
  uploaded_at: string
}

export interface Escalation {
  id: number
  from_level: OwnerLevel
  to_level: OwnerLevel
  reason: string
  district_leader: string
  report_id: number | null
  escalated_at: string
  escalated_by: string | null
}

export interface CasePetition {
  id: number
  code: string
  summary: string
  status: string
  level: string
  flags: string[]
  petitioner: string | null
}

/** A key case (a row of Attachment 3); the detail carries the case file. */
export interface KeyCase {
  id: number
  seq: number
  region: NamedRef
  level: string
  level_note: string
  location: string
  situation: string
  recommendation: string
  leader: NamedRef
  group: NamedRef | null
  owner_level: OwnerLevel
  district_leader: string | null
  stage: KeyCaseStage
  target_date: string | null
  repeat: boolean
  level_skipping: boolean
  version: number
  closed_at: string | null
  created_at: string
  updated_at: string
  may_edit?: boolean
  tasks?: CaseTask[]
  petitions?: CasePetition[]
  ledger?: LedgerEntry[]
  documents?: CaseDocument[]
  attachments?: CaseAttachment[]
  escalations?: Escalation[]
  field_visits?: FieldVisit[]
}

export interface KeyCaseQuery extends PageQuery {
  region_id?: number
  leader_id?: number
  level?: string
  stage?: KeyCaseStage | ''
  owner_level?: OwnerLevel | ''
  q?: string
  mine?: boolean
}

export interface KeyCaseWrite {
  version?: number
  region_id?: number
  level?: string
  level_note?: string
  location?: string
  situation?: string
  recommendation?: string
  leader_id?: number
  group_id?: number
  stage?: KeyCaseStage
  target_date?: string | null
  repeat?: boolean
  level_skipping?: boolean
}

export function listKeyCases(
  query: KeyCaseQuery,
): Promise<ListResult<KeyCase>> {
  return request<ListResult<KeyCase>>('/api/v1/key-cases', {
    query: { ...query, mine: query.mine ? 'true' : undefined },
  })
}

export function getKeyCase(id: number): Promise<KeyCase> {
  return request<KeyCase>(`/api/v1/key-cases/${id}`)
}

export function createKeyCase(body: KeyCaseWrite): Promise<KeyCase> {
  return request<KeyCase>('/api/v1/key-cases', { method: 'POST', body })
}

export function updateKeyCase(
  id: number,
  body: KeyCaseWrite,
): Promise<KeyCase> {
  return request<KeyCase>(`/api/v1/key-cases/${id}`, { method: 'PATCH', body })
}

export function closeKeyCase(
  id: number,
  body: {
    version: number
    settlement: string
    petitioner_stopped: boolean
    body: string
  },
): Promise<KeyCase> {
  return request<KeyCase>(`/api/v1/key-cases/${id}/close`, {
    method: 'POST',
    body,
  })
}

export function escalateKeyCase(
  id: number,
  body: { version: number; reason: string; district_leader: string },
): Promise<KeyCase> {
  return request<KeyCase>(`/api/v1/key-cases/${id}/escalate`, {
    method: 'POST',
    body,
  })
}

export function addLedgerEntry(
  id: number,
  body: { kind: LedgerKind; on_date: string; summary: string },
): Promise<KeyCase> {
  return request<KeyCase>(`/api/v1/key-cases/${id}/ledger`, {
    method: 'POST',
    body,
  })
}

export function addMinutes(
  id: number,
  body: { title: string; body: string; held_on?: string },
): Promise<CaseDocument> {
  return request<CaseDocument>(`/api/v1/key-cases/${id}/documents`, {
    method: 'POST',
    body: { kind: 'minutes', ...body },
  })
}

export function updateDocument(
  id: number,
  body: { title?: string; body?: string },
): Promise<CaseDocument> {
  return request<CaseDocument>(`/api/v1/key-case-documents/${id}`, {
    method: 'PATCH',
    body,
  })
}

export function linkPetition(id: number, petitionId: number): Promise<KeyCase> {
  return request<KeyCase>(`/api/v1/key-cases/${id}/petitions`, {
    method: 'POST',
    body: { petition_id: petitionId },
  })
}

export function addTask(
  id: number,
  body: { unit_id: number; content: string; deadline?: string },
): Promise<CaseTask> {
  return request<CaseTask>(`/api/v1/key-cases/${id}/tasks`, {
    method: 'POST',
    body,
  })
}

export function answerTask(
  id: number,
  body: { result: string; done: boolean },
): Promise<CaseTask> {
  return request<CaseTask>(`/api/v1/key-case-tasks/${id}/result`, {
    method: 'POST',
    body,
  })
}

export function uploadCaseAttachment(
  id: number,
  file: File,
): Promise<CaseAttachment> {
  return request<CaseAttachment>(`/api/v1/key-cases/${id}/attachments`, {
    method: 'POST',
    raw: file,
    headers: { 'X-Filename': encodeURIComponent(file.name) },
  })
}

export function caseAttachmentUrl(id: number): string {
  return `/api/v1/key-case-attachments/${id}`
}

/** Where the browser downloads the archive; `reveal` shows petitioners. */
export function archiveUrl(
  id: number,
  format: 'pdf' | 'zip',
  reveal = false,
): string {
  return `/api/v1/key-cases/${id}/archive.${format}${reveal ? '?reveal=true' : ''}`
}
