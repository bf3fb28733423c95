import { request, type ListResult } from '../request'
import type { NamedRef } from '../org/groups'

export interface FollowUp {
  id: number
  followed_up_on: string
  met: boolean
  note: string
  user: string | null
  created_at: string
}

/** A 督查要求 with its deadline and every follow-up (后督察). */
export interface VisitRequirement {
  id: number
  content: string
  deadline: string
  key_case_id: number | null
  met: boolean
  met_on: string | null
  overdue: boolean
  follow_ups: FollowUp[]
}

/** A field visit 带案下访 (a row of Attachment 2). */
export interface FieldVisit {
  id: number
  group: NamedRef & { number: number }
  unit: NamedRef
  leader: NamedRef
  month: string
  visit_on: string
  status: 'planned' | 'done'
  participants: string
  inspection_time: string
  findings: string
  regions: NamedRef[]
  matters: { kind: 'key_case' | 'petition'; id: number; label: string }[]
  requirements: VisitRequirement[]
  version: number
  created_at: string
  updated_at: string
}

export interface FieldVisitWrite {
  version?: number
  group_id?: number
  visit_on?: string
  status?: 'planned' | 'done'
  participants?: string
  inspection_time?: string
  findings?: string
  key_case_ids?: number[]
  requirements?: { content: string; deadline: string; key_case_id?: number }[]
}

export type VisitState = 'visited' | 'planned' | 'missing' | 'future'

export interface VisitBoardRow {
  group: NamedRef & { number: number }
  leader: NamedRef
  unit: NamedRef
  regions: NamedRef[]
  state: VisitState
  done: number
  planned: number
  open_requirements: number
  overdue_requirements: number
}

export function listFieldVisits(query: {
  month?: string
  group_id?: number
  key_case_id?: number
}): Promise<ListResult<FieldVisit>> {
  return request<ListResult<FieldVisit>>('/api/v1/field-visits', { query })
}

export function createFieldVisit(body: FieldVisitWrite): Promise<FieldVisit> {
  return request<FieldVisit>('/api/v1/field-visits', { method: 'POST', body })
}

export function updateFieldVisit(
  id: number,
  body: FieldVisitWrite,
): Promise<FieldVisit> {
  return request<FieldVisit>(`/api/v1/field-visits/${id}`, {
    method: 'PATCH',
    body,
  })
}

export function followUp(
  requirementId: number,
  body: { followed_up_on: string; met: boolean; note: string },
): Promise<FieldVisit> {
  return request<FieldVisit>(
    `/api/v1/visit-requirements/${requirementId}/follow-ups`,
    { method: 'POST', body },
  )
}

export function getVisitBoard(
  month: string,
): Promise<{ month: string; items: VisitBoardRow[]; missing: number }> {
  return request('/api/v1/field-visits/board', { query: { month } })
}
