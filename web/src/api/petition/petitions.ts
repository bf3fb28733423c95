import { request, type ListResult, type PageQuery } from '../request'
import type { NamedRef } from '../org/groups'

/** Codes of the petition vocabularies (labels from GET /vocabularies). */
export type PetitionStatus =
  | 'registered'
  | 'accepted'
  | 'not_accepted'
  | 'forwarded'
  | 'assigned'
  | 'reported'
  | 'replied'
  | 'closed'
  | 'review_requested'
  | 'reviewed'
  | 'rereview_requested'
  | 'rereviewed'
  | 'terminated'
  | 'litigation'

export type PetitionFlag =
  'repeat' | 'level_skipping' | 'collective' | 'litigation'

export type WorkflowAction =
  | 'accept'
  | 'decline'
  | 'forward'
  | 'assign'
  | 'report'
  | 'reply'
  | 'record_satisfaction'
  | 'close'
  | 'request_review'
  | 'decide_review'
  | 'request_rereview'
  | 'decide_rereview'
  | 'mark_litigation'
  | 'extend'
  | 'supervise'
  | 'answer_supervision'
  | 'pause'

export type DeadlineKind =
  | 'acceptance'
  | 'handling'
  | 'target'
  | 'review_request'
  | 'review_decision'
  | 'rereview_request'
  | 'rereview_decision'

/** A petitioner as the server shows it: masked, clear (reveal) or hidden. */
export interface Petitioner {
  id: number
  name: string | null
  id_number: string | null
  phone: string | null
  address: string | null
  representative: boolean
  /** True for town users: every personal field is null. */
  hidden: boolean
}

export interface Deadline {
  kind: DeadlineKind
  due: string
  statutory: boolean
  met: boolean
  overdue: boolean
  due_soon: boolean
}

export interface Requirement {
  id: number
  content: string
  deadline: string
  met: boolean | null
  followed_up_on: string | null
  followup_note: string | null
  overdue: boolean
}

/** A site inspection (现场检查) with its rectification requirements. */
export interface Inspection {
  id: number
  inspected_on: string
  participants: string
  findings: string
  requirements: Requirement[]
  created_at: string
  created_by: NamedRef
}

export interface Attachment {
  id: number
  filename: string
  content_type: string
  size: number
  sha256: string
  uploaded_at: string
}

export interface SupervisionNotice {
  id: number
  content: string
  due_date: string
  issued_at: string
  issued_by: NamedRef
  answer: string | null
  answered_at: string | null
}

/** One step of the petition's history. */
export interface TimelineEntry {
  id: number
  action: string
  from_status: PetitionStatus | null
  to_status: PetitionStatus | null
  /** When it happened (the `at` of the step). */
  at: string
  /** When it was entered. */
  recorded_at: string
  user: NamedRef | null
  details: Record<string, unknown>
}

export interface PetitionLink {
  id: number
  code: string
  summary: string
}

export interface Petition {
  id: number
  code: string
  status: PetitionStatus
  version: number
  channel: string
  source: string
  level: string
  content_type: string
  legal_category: string
  pollution_type: string
  region: NamedRef
  group: NamedRef | null
  leader: NamedRef | null
  responsible_unit: NamedRef | null
  /** The leader who received the petitioner (领导接访), if any. */
  receiving_leader: NamedRef | null
  location: string
  respondent: string
  summary: string
  demand: string
  received_at: string
  people_count: number
  flags: PetitionFlag[]
  petitioners: Petitioner[]
  assignment: {
    unit: NamedRef
    requirements: string
    target_date: string
    assigned_at: string
  } | null
  extension: {
    days: number
    reason: string
    approved_by: NamedRef
    at: string
  } | null
  reply: {
    content: string
    way: string
    at: string
    satisfaction: string | null
  } | null
  decline_reason: string | null
  forwarded_to: string | null
  deadlines: Deadline[]
  paused: { reason: string; from: string; until: string } | null
  links: PetitionLink[]
  supervision_notices: SupervisionNotice[]
  inspections: Inspection[]
  attachments: Attachment[]
  timeline: TimelineEntry[]
  available_actions: WorkflowAction[]
  registered_at: string
  updated_at: string
}

/** A row of the petition list, the supervision board and the to-do list. */
export interface PetitionSummary {
  id: number
  code: string
  status: PetitionStatus
  summary: string
  region: NamedRef
  respondent: string
  location: string
  channel: string
  level: string
  pollution_type: string
  flags: PetitionFlag[]
  received_at: string
  unit: NamedRef | null
  petitioner: string | null
  next_deadline: {
    kind: DeadlineKind
    due: string
    overdue: boolean
    due_soon: boolean
  } | null
}

export interface NewPetitioner {
  name: string
  id_number?: string
  phone?: string
  address?: string
  representative: boolean
}

export interface RegisterPetitionRequest {
  channel: string
  source: string
  level: string
  content_type: string
  legal_category: string
  pollution_type: string
  region_id: number
  location: string
  respondent: string
  summary: string
  demand: string
  received_at: string
  people_count: number
  flags?: PetitionFlag[]
  linked_petition_ids?: number[]
  petitioners: NewPetitioner[]
  /** The booking this petition comes from; it becomes attended. */
  appointment_id?: number
  /** The accepted invitation being registered; not with `appointment_id`. */
  invitation_id?: number
  /** Defaults to the booked day's first leader with `appointment_id`. */
  receiving_leader_id?: number
}

export type PetitionSort =
  'received_at' | '-received_at' | 'code' | '-code' | 'due' | '-due'

export interface PetitionQuery extends PageQuery {
  /** Comma-separated status codes. */
  status?: string
  region_id?: number
  group_id?: number
  unit_id?: number
  level?: string
  source?: string
  channel?: string
  pollution_type?: string
  /** Comma-separated flag codes. */
  flag?: string
  from?: string
  to?: string
  overdue?: boolean
  q?: string
  sort?: PetitionSort
}

/** The fields of one workflow step; which ones apply depends on the action. */
export interface TransitionRequest {
  action: WorkflowAction
  version: number
  /** When the step happened (RFC 3339); the server uses now when absent. */
  at?: string
  reason?: string
  agency?: string
  unit_id?: number
  requirements?: string
  deadline?: string
  findings?: string
  content?: string
  way?: string
  satisfaction?: string
  extension_days?: number
  until?: string
}

export interface RepeatCandidateQuery {
  id_number?: string
  phone?: string
  respondent?: string
  location?: string
  exclude_id?: number
  /** The twelve months count back from here (default now). */
  received_at?: string
}

export interface RepeatCandidate {
  id: number
  code: string
  summary: string
  received_at: string
  status: PetitionStatus
  match: 'petitioner' | 'respondent_location'
}

export function registerPetition(
  body: RegisterPetitionRequest,
): Promise<Petition> {
  return request<Petition>('/api/v1/petitions', { method: 'POST', body })
}

export function listPetitions(
  query: PetitionQuery = {},
): Promise<ListResult<PetitionSummary>> {
  return request<ListResult<PetitionSummary>>('/api/v1/petitions', {
    query: { ...query },
  })
}

export function getPetition(id: number): Promise<Petition> {
  return request<Petition>(`/api/v1/petitions/${id}`)
}

export function transitionPetition(
  id: number,
  body: TransitionRequest,
): Promise<Petition> {
  return request<Petition>(`/api/v1/petitions/${id}/transitions`, {
    method: 'POST',
    body,
  })
}

/** Masked petitioners, or clear ones with `reveal` (audited on the server). */
export function listPetitioners(
  id: number,
  reveal = false,
): Promise<{ items: Petitioner[] }> {
  return request<{ items: Petitioner[] }>(
    `/api/v1/petitions/${id}/petitioners`,
    { query: { reveal: reveal || undefined } },
  )
}

/** POST, so identity numbers never appear in URLs or access logs. */
export function findRepeatCandidates(
  body: RepeatCandidateQuery,
): Promise<{ items: RepeatCandidate[] }> {
  return request<{ items: RepeatCandidate[] }>(
    '/api/v1/petitions/repeat-candidates',
    { method: 'POST', body, quiet: true },
  )
}

export function linkPetition(
  id: number,
  body: { petition_id: number; version: number },
): Promise<Petition> {
  return request<Petition>(`/api/v1/petitions/${id}/links`, {
    method: 'POST',
    body,
  })
}

/** The classification fields a registered petition may still be corrected in. */
export interface ReclassifyRequest {
  version: number
  content_type?: string
  legal_category?: string
  level?: string
}

export function reclassifyPetition(
  id: number,
  body: ReclassifyRequest,
): Promise<Petition> {
  return request<Petition>(`/api/v1/petitions/${id}`, {
    method: 'PATCH',
    body,
  })
}
