import { request, type ListResult, type PageQuery } from '../request'

export type GroupRole = 'head' | 'deputy'

export interface Leader {
  id: number
  name: string
  title: string
  group_role: GroupRole | null
  sort_order: number
  active: boolean
  group_ids: number[]
}

export interface CreateLeaderRequest {
  name: string
  title: string
  group_role?: GroupRole | null
  sort_order?: number
}

export interface UpdateLeaderRequest {
  name?: string
  title?: string
  group_role?: GroupRole | null
  sort_order?: number
  active?: boolean
}

export function listLeaders(
  query: PageQuery = {},
): Promise<ListResult<Leader>> {
  return request<ListResult<Leader>>('/api/v1/leaders', { query: { ...query } })
}

export function getLeader(id: number): Promise<Leader> {
  return request<Leader>(`/api/v1/leaders/${id}`)
}

export function createLeader(body: CreateLeaderRequest): Promise<Leader> {
  return request<Leader>('/api/v1/leaders', { method: 'POST', body })
}

export function updateLeader(
  id: number,
  body: UpdateLeaderRequest,
): Promise<Leader> {
  return request<Leader>(`/api/v1/leaders/${id}`, { method: 'PATCH', body })
}
