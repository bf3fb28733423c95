import { request, type ListResult, type PageQuery } from '../request'

export type Role =
  'admin' | 'coordinator' | 'leader' | 'bureau' | 'town' | 'viewer'

export interface User {
  id: number
  username: string
  display_name: string
  role: Role
  unit_id: number | null
  unit_name: string | null
  leader_id: number | null
  leader_name: string | null
  active: boolean
  created_at: string
  last_login_at: string | null
}

export interface CreateUserRequest {
  username: string
  display_name: string
  role: Role
  password: string
  unit_id?: number | null
  leader_id?: number | null
}

export interface UpdateUserRequest {
  display_name?: string
  role?: Role
  unit_id?: number | null
  leader_id?: number | null
  active?: boolean
  password?: string
}

export function listUsers(query: PageQuery = {}): Promise<ListResult<User>> {
  return request<ListResult<User>>('/api/v1/users', { query: { ...query } })
}

export function getUser(id: number): Promise<User> {
  return request<User>(`/api/v1/users/${id}`)
}

export function createUser(body: CreateUserRequest): Promise<User> {
  return request<User>('/api/v1/users', { method: 'POST', body })
}

export function updateUser(id: number, body: UpdateUserRequest): Promise<User> {
  return request<User>(`/api/v1/users/${id}`, { method: 'PATCH', body })
}
