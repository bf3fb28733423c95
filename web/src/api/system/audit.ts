import { request, type ListResult, type PageQuery } from '../request'

/** One value change of an audited write: [old, new]. */
export type AuditChange = [unknown, unknown]

export interface AuditEntry {
  id: number
  at: string
  user_id: number | null
  username: string | null
  action: string
  entity: string
  entity_id: number | null
  changes: Record<string, AuditChange> | null
  hash: string
}

export interface AuditQuery extends PageQuery {
  entity?: string
  entity_id?: number
  user_id?: number
}

/** Newest first. */
export function listAudit(query: AuditQuery): Promise<ListResult<AuditEntry>> {
  return request<ListResult<AuditEntry>>('/api/v1/audit', {
    query: { ...query },
  })
}
