import { request, type ListResult, type PageQuery } from '../request'

/** An id with its display name, as embedded in a group. */
export interface NamedRef {
  id: number
  name: string
}

/** A case group (包案组): one leader, one enforcement unit, its regions. */
export interface Group {
  id: number
  number: number
  name: string
  leader: NamedRef
  unit: NamedRef
  regions: NamedRef[]
  active: boolean
}

export interface CreateGroupRequest {
  number: number
  name: string
  leader_id: number
  unit_id: number
  region_ids: number[]
}

export interface UpdateGroupRequest {
  number?: number
  name?: string
  leader_id?: number
  unit_id?: number
  region_ids?: number[]
  active?: boolean
}

/** Ordered by number. */
export function listGroups(query: PageQuery = {}): Promise<ListResult<Group>> {
  return request<ListResult<Group>>('/api/v1/groups', { query: { ...query } })
}

export function getGroup(id: number): Promise<Group> {
  return request<Group>(`/api/v1/groups/${id}`)
}

export function createGroup(body: CreateGroupRequest): Promise<Group> {
  return request<Group>('/api/v1/groups', { method: 'POST', body })
}

export function updateGroup(
  id: number,
  body: UpdateGroupRequest,
): Promise<Group> {
  return request<Group>(`/api/v1/groups/${id}`, { method: 'PATCH', body })
}
