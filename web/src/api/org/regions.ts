import { request, type ListResult, type PageQuery } from '../request'

export interface Region {
  id: number
  name: string
  sort_order: number
  active: boolean
  group_id: number | null
  group_name: string | null
}

export interface CreateRegionRequest {
  name: string
  sort_order?: number
}

export interface UpdateRegionRequest {
  name?: string
  sort_order?: number
  active?: boolean
}

/** Ordered by sort_order. */
export function listRegions(
  query: PageQuery = {},
): Promise<ListResult<Region>> {
  return request<ListResult<Region>>('/api/v1/regions', { query: { ...query } })
}

export function getRegion(id: number): Promise<Region> {
  return request<Region>(`/api/v1/regions/${id}`)
}

export function createRegion(body: CreateRegionRequest): Promise<Region> {
  return request<Region>('/api/v1/regions', { method: 'POST', body })
}

export function updateRegion(
  id: number,
  body: UpdateRegionRequest,
): Promise<Region> {
  return request<Region>(`/api/v1/regions/${id}`, { method: 'PATCH', body })
}
