import type { NamedRef } from '../org/groups'
import { request, type ListResult } from '../request'

export type InvitationStatus = 'invited' | 'accepted' | 'declined' | 'held'

/** A leader's invitation (约访) of a petitioner. */
export interface Invitation {
  id: number
  leader: NamedRef
  petition: { id: number; code: string } | null
  /** Masked. */
  petitioner_name: string
  /** Masked. */
  phone: string | null
  reception_day_id: number | null
  reception_date: string | null
  scheduled_at: string | null
  place: string | null
  note: string | null
  status: InvitationStatus
  answer: string | null
  created_at: string
}

/** Either a reception day or a time (with a place) is required. */
export interface CreateInvitationRequest {
  leader_id: number
  petition_id?: number
  petitioner_name: string
  phone?: string
  reception_day_id?: number
  scheduled_at?: string
  place?: string
  note?: string
}

export interface UpdateInvitationRequest {
  status?: InvitationStatus
  answer?: string
}

export function listInvitations(): Promise<ListResult<Invitation>> {
  return request<ListResult<Invitation>>('/api/v1/invitations')
}

export function createInvitation(
  body: CreateInvitationRequest,
): Promise<Invitation> {
  return request<Invitation>('/api/v1/invitations', { method: 'POST', body })
}

export function updateInvitation(
  id: number,
  body: UpdateInvitationRequest,
): Promise<Invitation> {
  return request<Invitation>(`/api/v1/invitations/${id}`, {
    method: 'PATCH',
    body,
  })
}
