import { request, type ApiError } from '../request'

/** Which of the seed's attachments, and for when. */
export interface AttachmentQuery {
  /** 1: reception schedule, 2: a month's field visits, 3: key cases. */
  number: 1 | 2 | 3
  year: number
  /** 1–12; Attachment 2 only. */
  month: number
  /** One group only; Attachment 2 only. */
  group_id?: number | null
}

/** Where the browser downloads (or, inline, shows) one of the attachments. */
export function attachmentUrl(
  query: AttachmentQuery,
  format: 'xlsx' | 'pdf',
  inline = false,
): string {
  const params = new URLSearchParams()
  if (query.number === 2) {
    params.set('month', `${query.year}-${String(query.month).padStart(2, '0')}`)
    if (query.group_id) params.set('group_id', String(query.group_id))
  } else {
    params.set('year', String(query.year))
  }
  if (inline) params.set('inline', 'true')
  return `/api/v1/reports/attachment-${query.number}.${format}?${params}`
}

/** Filters of the statistics; empty values are left out. */
export interface StatsQuery {
  from?: string
  to?: string
  region_id?: number | null
  group_id?: number | null
  level?: string
  source?: string
  channel?: string
  pollution_type?: string
  status?: string
}

/** One bar, slice or point: a code (or id, or month) with its label. */
export interface StatsItem {
  key: string
  label: string
  count: number
}

export interface StatsRate {
  numerator: number
  denominator: number
  /** Rounded to four places; 0 when there is nothing to count. */
  value: number
}

export type StatsTableName =
  | 'by_month'
  | 'by_region'
  | 'by_group'
  | 'by_pollution_type'
  | 'by_level'
  | 'by_source'
  | 'by_channel'
  | 'by_status'

export type RateName =
  | 'on_time_acceptance'
  | 'on_time_completion'
  | 'overdue'
  | 'satisfaction'
  | 'repeat'

export interface LeaderStatusRow {
  leader_id: number | null
  leader: string
  /** Count per status code. */
  counts: Record<string, number>
  total: number
}

export interface Stats {
  total: number
  tables: Record<StatsTableName, StatsItem[]>
  rates: Record<RateName, StatsRate>
  leaders_by_status: LeaderStatusRow[]
  /** Key cases per owning leader, counts by stage code. */
  key_cases_by_stage: LeaderStatusRow[]
}

function statsQuery(query: StatsQuery): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') out[name] = value
  }
  return out
}

export function getStats(query: StatsQuery): Promise<Stats> {
  return request<Stats>('/api/v1/stats', { query: statsQuery(query) })
}

/** Where the browser downloads the statistics: all tables, or one as CSV. */
export function statsExportUrl(
  query: StatsQuery,
  format: 'xlsx' | 'csv',
  table?: StatsTableName | 'rates' | 'leaders_by_status' | 'key_cases_by_stage',
): string {
  const params = new URLSearchParams(
    Object.entries(statsQuery(query)).map(([k, v]) => [k, String(v)]),
  )
  if (table) params.set('table', table)
  const search = params.toString()
  return `/api/v1/stats/export.${format}${search ? `?${search}` : ''}`
}

export type NoticeKind =
  | 'acceptance'
  | 'non_acceptance'
  | 'assignment'
  | 'supervision'
  | 'extension'
  | 'reply'
  | 'review'

/** A notice template as the administrator edits it. */
export interface NoticeTemplate {
  kind: NoticeKind
  name: string
  title: string
  number_prefix: string
  addressee: string
  /** One "label|value" line per row of the form table. */
  fields: string
  /** Paragraphs separated by blank lines, with {{placeholders}}. */
  body: string
  cc: string
  version: number
  updated_at: number
}

export interface Placeholder {
  name: string
  label: string
}

export function listNoticeTemplates(): Promise<{
  items: NoticeTemplate[]
  placeholders: Placeholder[]
}> {
  return request('/api/v1/notice-templates')
}

export function saveNoticeTemplate(
  template: NoticeTemplate,
): Promise<NoticeTemplate> {
  const { kind, updated_at: _updated, ...body } = template
  return request<NoticeTemplate>(`/api/v1/notice-templates/${kind}`, {
    method: 'PUT',
    body,
  })
}

/** A notice as issued for a petition. */
export interface IssuedNotice {
  id: number
  petition_id: number
  kind: NoticeKind
  number: string
  issued_on: string
  issued_at: number
  title: string
  content: {
    issuer: string
    title: string
    number: string
    addressee: string
    fields: [string, string][]
    paragraphs: string[]
    date: string
    cc: string
  }
}

export function listPetitionNotices(
  petitionId: number,
): Promise<{ items: IssuedNotice[] }> {
  return request(`/api/v1/petitions/${petitionId}/notices`)
}

export function issueNotice(
  petitionId: number,
  kind: NoticeKind,
): Promise<IssuedNotice> {
  return request<IssuedNotice>(`/api/v1/petitions/${petitionId}/notices`, {
    method: 'POST',
    body: { kind },
  })
}

export function noticePdfUrl(notice: IssuedNotice, inline = false): string {
  const base = `/api/v1/petitions/${notice.petition_id}/notices/${notice.id}/pdf`
  return inline ? `${base}?inline=true` : base
}

export interface ImportProblem {
  /** Row number as the spreadsheet shows it; 0 for the whole file. */
  row: number
  column: string
  message: string
}

export interface ImportResult {
  rows: number
  imported: number
  dry_run: boolean
  problem_count: number
  problems: ImportProblem[]
  ignored_columns: string[]
}

/** What a ledger holds: petitions, or key cases as in Attachment 3. */
export type LedgerKind = 'petitions' | 'key-cases'

/**
 * Sends a ledger; resolves to the result, also when rows are bad (422):
 * the page lists them.
 */
export async function importLedger(
  kind: LedgerKind,
  file: File,
  dryRun: boolean,
): Promise<ImportResult> {
  try {
    return await request<ImportResult>(`/api/v1/imports/${kind}`, {
      method: 'POST',
      raw: file,
      query: { dry_run: dryRun ? 'true' : '' },
    })
  } catch (error) {
    const body = (error as ApiError).body as Partial<ImportResult> | undefined
    if (body?.problems) return body as ImportResult
    throw error
  }
}
