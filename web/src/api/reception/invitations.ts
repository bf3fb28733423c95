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
  /** The petition the desk registered from this invitation. */
  registered_petition: { id: number; code: string } | null
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

/** Null clears a field; a day or a time must remain. */
export interface UpdateInvitationRequest {
  status?: InvitationStatus
  answer?: string
  reception_day_id?: number | null
  scheduled_at?: string | null
  place?: string | null
}

/** The registration form's prefill from an accepted invitation. */
export interface InvitationDraft {
  invitation_id: number
  channel: string
  source: string
  received_at: string
  region_id: number | null
  summary: string
  petitioners: { name: string; phone?: string; representative: boolean }[]
  receiving_leaders: NamedRef[]
  /** The petition the invitation is about. */
  linked_petition_ids: number[]
}

export function getInvitationDraft(id: number): Promise<InvitationDraft> {
  return request<InvitationDraft>(`/api/v1/invitations/${id}/draft`)
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
