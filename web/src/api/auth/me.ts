import { request } from '../request'

import type { SessionResponse } from './session'

/** The current session; rejects quietly (401) when nobody is signed in. */
export function getMe(): Promise<SessionResponse> {
  return request<SessionResponse>('/api/v1/me', { quiet: true })
}
