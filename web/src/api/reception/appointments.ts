import type { NamedRef } from '../org/groups'
import type { Petition } from '../petition/petitions'
import { request } from '../request'

export type AppointmentStatus =
  'booked' | 'confirmed' | 'cancelled' | 'attended' | 'no_show'

/** A citizen's booking of a reception day, personal fields masked. */
export interface Appointment {
  id: number
  code: string
  status: AppointmentStatus
  name: string
  phone: string
  /** The region as the citizen typed it. */
  region: string
  topic: string
  reception_day_id: number
  petition_id: number | null
  created_at: string
}

export interface UpdateAppointmentRequest {
  status?: AppointmentStatus
  /** Reschedules the booking to another day. */
  reception_day_id?: number
}

/**
 * What the booking holds, in clear, to prefill the registration form
 * (the server audits the look-up).
 */
export interface AppointmentDraft {
  appointment_id: number
  /** Booking code; older servers leave it out. */
  code?: string
  channel: string
  source: string
  received_at: string
  region_id: number | null
  summary: string
  petitioners: { name: string; phone: string; representative: boolean }[]
  receiving_leaders: NamedRef[]
}

export function listDayAppointments(
  dayId: number,
): Promise<{ items: Appointment[] }> {
  return request<{ items: Appointment[] }>(
    `/api/v1/reception-days/${dayId}/appointments`,
  )
}

export function updateAppointment(
  id: number,
  body: UpdateAppointmentRequest,
): Promise<Appointment> {
  return request<Appointment>(`/api/v1/appointments/${id}`, {
    method: 'PATCH',
    body,
  })
}

export function getAppointmentDraft(id: number): Promise<AppointmentDraft> {
  return request<AppointmentDraft>(`/api/v1/appointments/${id}/draft`)
}

/**
 * The code of the petition a booking became. The booking list carries only
 * the petition's id; a petition outside the user's scope stays unnamed
 * instead of raising an error per row.
 */
export async function petitionCodeOf(id: number): Promise<string | null> {
  try {
    const petition = await request<Petition>(`/api/v1/petitions/${id}`, {
      quiet: true,
    })
    return petition.code
  } catch {
    return null
  }
}
