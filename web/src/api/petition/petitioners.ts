import { request } from '../request'
import type { PetitionSummary } from './petitions'

/** Who to look up: an ID number, a phone, or both (matched by keyed hash). */
export interface PetitionerHistoryQuery {
  id_number?: string
  phone?: string
}

/** A booking of the same phone for a reception day. */
export interface HistoryAppointment {
  id: number
  code: string
  status: string
  date: string | null
  topic: string
  petition_id: number | null
}

/** A key case whose petitions include one of this person's. */
export interface HistoryKeyCase {
  id: number
  /** 序号 of Attachment 3. */
  seq: number
  location: string
  stage: string
  region: { id: number; name: string }
  leader: { id: number; name: string }
}

/** Everything of one petitioner across channels and years. */
export interface PetitionerHistory {
  petitions: PetitionSummary[]
  appointments: HistoryAppointment[]
  key_cases: HistoryKeyCase[]
}

/** Needs `petitioners.reveal`; each lookup is written to the audit log. */
export function getPetitionerHistory(
  query: PetitionerHistoryQuery,
): Promise<PetitionerHistory> {
  return request<PetitionerHistory>('/api/v1/petitioners/history', {
    method: 'POST',
    body: query,
  })
}
