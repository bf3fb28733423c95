import { request } from '../request'
import type { Inspection } from './petitions'

export interface NewRequirement {
  content: string
  deadline: string
}

export interface CreateInspectionRequest {
  inspected_on: string
  participants: string
  findings: string
  requirements: NewRequirement[]
}

export interface FollowUpRequest {
  met: boolean
  followed_up_on: string
  note: string
}

/** Only on assigned or reported petitions (409 otherwise). */
export function createInspection(
  petitionId: number,
  body: CreateInspectionRequest,
): Promise<Inspection> {
  return request<Inspection>(`/api/v1/petitions/${petitionId}/inspections`, {
    method: 'POST',
    body,
  })
}

/** Records the follow-up inspection (后督察) of one requirement. */
export function followUpRequirement(
  inspectionId: number,
  requirementId: number,
  body: FollowUpRequest,
): Promise<Inspection> {
  return request<Inspection>(
    `/api/v1/inspections/${inspectionId}/requirements/${requirementId}/follow-up`,
    { method: 'POST', body },
  )
}
