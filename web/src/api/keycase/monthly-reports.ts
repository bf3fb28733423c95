import { request } from '../request'
import type { NamedRef } from '../org/groups'

export type ReportState = 'pending' | 'submitted' | 'late' | 'missing'

export interface Reminder {
  id: number
  message: string
  sent_at: string
  sent_by: string | null
}

/** A bureau's report of a month; `body` is Markdown. */
export interface MonthlyReport {
  id: number
  unit: NamedRef
  month: string
  due_on: string
  body: string
  status: 'draft' | 'submitted'
  state: ReportState
  submitted_on: string | null
  submitted_by: string | null
  version: number
  created_at: string
  updated_at: string
  reminders?: Reminder[]
}

export interface ReportBoardRow {
  unit: NamedRef
  due_on: string
  state: ReportState
  report: {
    id: number
    status: 'draft' | 'submitted'
    submitted_on: string | null
    version: number
  } | null
  reminders: Reminder[]
}

export interface ReportBoard {
  month: string
  due_on: string
  items: ReportBoardRow[]
  counts: Record<ReportState, number>
}

export function getReportBoard(month: string): Promise<ReportBoard> {
  return request<ReportBoard>('/api/v1/monthly-reports', { query: { month } })
}

/** Drafts from the records, or returns the report already begun. */
export function draftReport(
  unitId: number,
  month: string,
): Promise<MonthlyReport> {
  return request<MonthlyReport>('/api/v1/monthly-reports', {
    method: 'POST',
    body: { unit_id: unitId, month },
  })
}

export function updateReport(
  id: number,
  version: number,
  body: string,
): Promise<MonthlyReport> {
  return request<MonthlyReport>(`/api/v1/monthly-reports/${id}`, {
    method: 'PATCH',
    body: { version, body },
  })
}

export function submitReport(
  id: number,
  version: number,
): Promise<MonthlyReport> {
  return request<MonthlyReport>(`/api/v1/monthly-reports/${id}/submit`, {
    method: 'POST',
    body: { version },
  })
}

export function remindBureau(unitId: number, month: string): Promise<Reminder> {
  return request<Reminder>('/api/v1/monthly-reports/reminders', {
    method: 'POST',
    body: { unit_id: unitId, month },
  })
}
