// The public endpoints of `xinfang serve` (no login, no CSRF token). Every
// failure becomes an ApiError carrying the server's Chinese message and, when
// the server named one, the field at fault.

/** A failed request; `status` is 0 when the server could not be reached. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field?: string

  constructor(status: number, code: string, message: string, field?: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field
  }
}

export interface PublicDay {
  id: number
  date: string
  weekday: string
  start_time: string
  end_time: string
  leaders: { name: string }[]
  place: string
  phone: string
  free: number
  booking_open: boolean
}

export interface Region {
  id: number
  name: string
}

export interface BookingInput {
  reception_day_id: number
  name: string
  phone: string
  region: string
  topic: string
}

export interface Booking {
  code: string
  status: string
  /** Masked by the server, e.g. 张*. */
  name: string
  topic: string
  region: string
  reception_day: PublicDay
}

export interface ComplaintInput {
  privacy_accepted: boolean
  pollution_type: string
  region_id: number
  location: string
  respondent?: string
  summary: string
  demand: string
  name: string
  phone: string
  id_number?: string
  address?: string
}

export interface ComplaintReceipt {
  tracking_code: string
  code: string
}

export interface ComplaintProgress {
  code: string
  status: string
  status_label: string
  received_at: string
  accepted_at: string | null
  replied_at: string | null
  reply: { content: string; way: string | null } | null
  deadlines: { kind: string; due: string }[]
}

export interface StoredAttachment {
  filename: string
  content_type: string
  size: number
}

const kBase = '/api/public'

/** The subscription feeds of the published reception days. */
export const kCalendarFeed = `${kBase}/reception-days.ics`
export const kRssFeed = `${kBase}/reception-days.rss`

interface ErrorBody {
  error?: { code?: string; message?: string; field?: string }
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as ErrorBody
  const error = body.error
  if (!error?.message) {
    return new ApiError(
      response.status,
      'http',
      `服务暂时无法处理（HTTP ${response.status}），请稍后再试`,
    )
  }
  return new ApiError(
    response.status,
    error.code ?? 'http',
    error.message,
    error.field,
  )
}

async function send<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response
  try {
    response = await fetch(kBase + path, {
      ...init,
      headers: { Accept: 'application/json', ...init.headers },
    })
  } catch {
    throw new ApiError(0, 'network', '网络连接失败，请检查网络后重试')
  }
  if (!response.ok) throw await toApiError(response)
  return (await response.json()) as T
}

function post<T>(path: string, body: unknown): Promise<T> {
  return send<T>(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
}

export async function listDays(): Promise<PublicDay[]> {
  return (await send<{ items: PublicDay[] }>('/reception-days')).items
}

let regions: Promise<Region[]> | undefined

/** The active regions; fetched once per visit, both forms use them. */
export function listRegions(): Promise<Region[]> {
  regions ??= send<{ items: Region[] }>('/regions').then(
    (body) => body.items,
    (error: unknown) => {
      regions = undefined
      throw error
    },
  )
  return regions
}

export function book(input: BookingInput): Promise<Booking> {
  return post('/appointments', input)
}

export function lookupBooking(code: string, last4: string): Promise<Booking> {
  return post('/appointments/lookup', { code, phone_last4: last4 })
}

export function cancelBooking(code: string, last4: string): Promise<Booking> {
  return post('/appointments/cancel', { code, phone_last4: last4 })
}

export function fileComplaint(
  input: ComplaintInput,
): Promise<ComplaintReceipt> {
  return post('/complaints', input)
}

/**
 * Sends one file, raw, to a complaint filed moments ago. The tracking code
 * goes in a header so that the server's request log never holds it.
 */
export function uploadAttachment(
  trackingCode: string,
  last4: string,
  file: File,
): Promise<StoredAttachment> {
  return send('/complaints/attachments', {
    method: 'POST',
    headers: {
      'Content-Type': file.type,
      'X-Tracking-Code': trackingCode,
      'X-Phone-Last4': last4,
      'X-Filename': encodeURIComponent(file.name),
    },
    body: file,
  })
}

export function lookupComplaint(
  trackingCode: string,
  last4: string,
): Promise<ComplaintProgress> {
  return post('/complaints/lookup', {
    tracking_code: trackingCode,
    phone_last4: last4,
  })
}
