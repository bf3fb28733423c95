// The one HTTP client of the app. Every failure becomes an ApiError and is
// shown to the user here, once; pages only react to it (e.g. mark a field).
import { ElMessage } from 'element-plus'
import 'element-plus/es/components/message/style/css'

import { translate } from '@/i18n'
import router from '@/router'
import { useAuthStore } from '@/stores/auth'

/** A failed request, carrying the server's error body when there was one. */
export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number
  /** Stable error code from the server, e.g. `conflict.duplicate`. */
  readonly code: string
  /** The request field at fault, when the server named one. */
  readonly field?: string
  /** The whole error body, for errors that carry more (an import's bad rows). */
  readonly body?: unknown

  constructor(
    status: number,
    code: string,
    message: string,
    field?: string,
    body?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field
    this.body = body
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
type QueryValue = string | number | boolean | null | undefined

export interface RequestOptions {
  method?: Method
  /** Query parameters; empty values are left out. */
  query?: Record<string, QueryValue>
  /** Sent as JSON. */
  body?: unknown
  /** Sent as is, with its own content type (file uploads). */
  raw?: Blob
  /** Extra request headers. */
  headers?: Record<string, string>
  /** Neither show the error nor redirect: for the session probe at start. */
  quiet?: boolean
  /** Go to the login page on 401 (default); false for the login call. */
  redirectOn401?: boolean
}

interface ErrorBody {
  error?: { code?: string; message?: string; field?: string }
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue
    params.append(name, String(value))
  }
  const search = params.toString()
  return search ? `${path}?${search}` : path
}

function buildHeaders(method: Method, options: RequestOptions): Headers {
  const headers = new Headers({
    Accept: 'application/json',
    ...options.headers,
  })
  if (options.raw) {
    headers.set('Content-Type', options.raw.type || 'application/octet-stream')
  } else if (options.body !== undefined) {
    headers.set('Content-Type', 'application/json')
  }

  const csrfToken = useAuthStore().csrfToken
  if (method !== 'GET' && csrfToken) headers.set('X-CSRF-Token', csrfToken)
  return headers
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: ErrorBody = {}
  try {
    body = (await response.json()) as ErrorBody
  } catch {
    body = {}
  }

  const error = body.error
  if (!error?.message) {
    const message = translate('common.serverError', {
      status: response.status,
    })
    return new ApiError(response.status, error?.code ?? 'http', message)
  }
  return new ApiError(
    response.status,
    error.code ?? 'http',
    error.message,
    error.field,
    body,
  )
}

function report(error: ApiError, redirectOn401: boolean): void {
  ElMessage.error({ message: error.message, grouping: true })

  if (error.status !== 401 || !redirectOn401) return
  useAuthStore().clear()
  const current = router.currentRoute.value
  if (current.path !== '/login') {
    void router.replace({
      path: '/login',
      query: { redirect: current.fullPath },
    })
  }
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init)
  } catch {
    throw new ApiError(0, 'network', translate('common.networkError'))
  }
}

/** Sends one API request; resolves to the parsed JSON (undefined on 204). */
export async function request<T>(
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const method = options.method ?? 'GET'
  const body =
    options.raw ??
    (options.body === undefined ? undefined : JSON.stringify(options.body))

  try {
    const response = await send(buildUrl(path, options.query), {
      method,
      credentials: 'same-origin',
      headers: buildHeaders(method, options),
      body,
    })
    if (!response.ok) throw await toApiError(response)
    if (response.status === 204) return undefined as T
    return (await response.json()) as T
  } catch (error) {
    const apiError =
      error instanceof ApiError
        ? error
        : new ApiError(0, 'network', translate('common.networkError'))
    if (!options.quiet) report(apiError, options.redirectOn401 ?? true)
    throw apiError
  }
}

/** A page of a list endpoint. */
export interface ListResult<T> {
  items: T[]
  total: number
}

/** Paging parameters of every list endpoint (1-based page). */
export interface PageQuery {
  page?: number
  page_size?: number
}

/** The largest page the server returns; enough for the organisation lists. */
export const kMaxPageSize = 500
