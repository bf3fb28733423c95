import type { NamedRef } from '../org/groups'
import { request, type ListResult } from '../request'

/** A reception day (局长接访日) with its booking figures. */
export interface ReceptionDay {
  id: number
  /** `YYYY-MM-DD`. */
  date: string
  /** `HH:MM`. */
  start_time: string
  end_time: string
  leaders: NamedRef[]
  place: string
  phone: string
  capacity: number
  booked: number
  free: number
  published: boolean
  /** Moved or reassigned by hand; survives regeneration. */
  hand_made: boolean
  /** The date the rule gave before the day was moved. */
  moved_from: string | null
  note: string | null
}

export interface ReceptionDayRequest {
  date?: string
  leader_ids?: number[]
  start_time?: string
  end_time?: string
  place?: string
  phone?: string
  capacity?: number
  published?: boolean
  note?: string | null
}

/** The schedule rule; every field optional when overriding the saved one. */
export interface ScheduleRule {
  week_of_month?: number
  /** 1 = Monday … 7 = Sunday. */
  weekday?: number
  months?: number[]
  rotation_leader_ids?: number[]
  first_leader_id?: number
  start_time?: string
  end_time?: string
}

export interface GenerateRequest {
  year: number
  /** Only propose the days; nothing is saved. */
  dry_run?: boolean
  /** Save and publish the generated days at once. */
  publish?: boolean
  rule?: ScheduleRule
}

/** A day the generator proposes (or saved). */
export interface ProposedDay {
  date: string
  leaders: NamedRef[]
  start_time: string
  end_time: string
  moved_from: string | null
  /** Why the day moved off the rule's date; empty when it did not. */
  reason: string
  hand_made: boolean
}

export interface GenerateResult {
  items: ProposedDay[]
  warnings: string[]
  saved: boolean
  published: boolean
}

/** The saved rule and the defaults of new days. */
export interface ReceptionConfig {
  week_of_month: number
  weekday: number
  months: number[]
  rotation_leader_ids: number[]
  rotation: NamedRef[]
  first_leader_id: number
  start_time: string
  end_time: string
  place: string
  phone: string
  capacity: number
  booking_closes_hours_before: number
}

/** Text for the bureau's WeChat article, plain and HTML. */
export interface Announcement {
  title: string
  text: string
  html: string
}

export function listReceptionDays(
  year: number,
): Promise<ListResult<ReceptionDay>> {
  return request<ListResult<ReceptionDay>>('/api/v1/reception-days', {
    query: { year },
  })
}

export function createReceptionDay(
  body: ReceptionDayRequest,
): Promise<ReceptionDay> {
  return request<ReceptionDay>('/api/v1/reception-days', {
    method: 'POST',
    body,
  })
}

export function updateReceptionDay(
  id: number,
  body: ReceptionDayRequest,
): Promise<ReceptionDay> {
  return request<ReceptionDay>(`/api/v1/reception-days/${id}`, {
    method: 'PATCH',
    body,
  })
}

export function generateReceptionDays(
  body: GenerateRequest,
): Promise<GenerateResult> {
  return request<GenerateResult>('/api/v1/reception-days/generate', {
    method: 'POST',
    body,
  })
}

export function getReceptionConfig(): Promise<ReceptionConfig> {
  return request<ReceptionConfig>('/api/v1/reception-config')
}

export function getAnnouncement(id: number): Promise<Announcement> {
  return request<Announcement>(`/api/v1/reception-days/${id}/announcement`)
}
