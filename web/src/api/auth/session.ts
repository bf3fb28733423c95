import { request } from '../request'

import type { Permission } from '@/utils/access'

import type { User } from '../system/users'

export interface LoginRequest {
  username: string
  password: string
}

/** A signed-in session: the user and the token to send on every write. */
export interface SessionResponse {
  user: User
  csrf_token: string
  /** What the user's role may do, from the server's permission table. */
  permissions: Permission[]
}

export function login(body: LoginRequest): Promise<SessionResponse> {
  return request<SessionResponse>('/api/v1/session', {
    method: 'POST',
    body,
    redirectOn401: false,
  })
}

export function logout(): Promise<void> {
  return request<void>('/api/v1/session', { method: 'DELETE' })
}
