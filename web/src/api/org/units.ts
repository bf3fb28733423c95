import { request, type ListResult, type PageQuery } from '../request'

export type UnitKind =
  'bureau' | 'section' | 'enforcement' | 'town' | 'department'

export interface Unit {
  id: number
  name: string
  kind: UnitKind
  region_id: number | null
  region_name: string | null
  sort_order: number
  active: boolean
}

export interface UnitQuery extends PageQuery {
  kind?: UnitKind
}

export interface CreateUnitRequest {
  name: string
  kind: UnitKind
  region_id?: number | null
  sort_order?: number
}

export interface UpdateUnitRequest {
  name?: string
  kind?: UnitKind
  region_id?: number | null
  sort_order?: number
  active?: boolean
}

export function listUnits(query: UnitQuery = {}): Promise<ListResult<Unit>> {
  return request<ListResult<Unit>>('/api/v1/units', { query: { ...query } })
}

export function getUnit(id: number): Promise<Unit> {
  return request<Unit>(`/api/v1/units/${id}`)
}

export function createUnit(body: CreateUnitRequest): Promise<Unit> {
  return request<Unit>('/api/v1/units', { method: 'POST', body })
}

export function updateUnit(id: number, body: UpdateUnitRequest): Promise<Unit> {
  return request<Unit>(`/api/v1/units/${id}`, { method: 'PATCH', body })
}
