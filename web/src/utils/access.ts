// Mirror of the server's permission table (src/core/access.*). The server
// decides; this only hides what a role could not use anyway.
import type { Role } from '@/api/system/users'

export type Permission =
  | 'org.read'
  | 'org.write'
  | 'users.read'
  | 'users.write'
  | 'audit.read'
  | 'petitions.read'
  | 'petitions.register'
  | 'petitions.act'
  | 'petitions.inspect'
  | 'petitioners.reveal'
  | 'reception.read'
  | 'reception.manage'
  | 'reports.read'
  | 'notices.print'
  | 'templates.write'
  | 'ledger.import'
  | 'keyCases.read'
  | 'keyCases.manage'
  | 'keyCases.edit'
  | 'fieldVisits.read'
  | 'fieldVisits.record'
  | 'tasks.answer'
  | 'monthlyReports.read'
  | 'monthlyReports.write'
  | 'monthlyReports.remind'

const kAllRoles: readonly Role[] = [
  'admin',
  'coordinator',
  'leader',
  'bureau',
  'town',
  'viewer',
]

const kPermissionRoles: Record<Permission, readonly Role[]> = {
  'org.read': kAllRoles,
  'org.write': ['admin'],
  'users.read': ['admin', 'coordinator'],
  'users.write': ['admin'],
  'audit.read': ['admin', 'viewer'],
  // Bureau and town users are further scoped by the server to their own
  // unit's assignments; a petition outside that scope answers 404.
  'petitions.read': kAllRoles,
  'petitions.register': ['admin', 'coordinator'],
  // The workflow decides per action; `available_actions` says which.
  'petitions.act': ['admin', 'coordinator', 'leader', 'bureau'],
  'petitions.inspect': ['admin', 'coordinator', 'bureau'],
  'petitioners.reveal': ['admin', 'coordinator', 'leader'],
  'reception.read': ['admin', 'coordinator', 'leader', 'viewer'],
  'reception.manage': ['admin', 'coordinator'],
  'reports.read': ['admin', 'coordinator', 'leader', 'viewer'],
  'notices.print': ['admin', 'coordinator'],
  'templates.write': ['admin'],
  'ledger.import': ['admin', 'coordinator'],
  // Key cases (issue 5). The server narrows further: a leader edits the cases
  // it owns, a bureau records its own group's visits and writes its own
  // report, a town sees and answers only the tasks given to its unit.
  'keyCases.read': kAllRoles,
  'keyCases.manage': ['admin', 'coordinator'],
  'keyCases.edit': ['admin', 'coordinator', 'leader'],
  'fieldVisits.read': ['admin', 'coordinator', 'leader', 'bureau', 'viewer'],
  'fieldVisits.record': ['admin', 'coordinator', 'leader', 'bureau'],
  'tasks.answer': ['admin', 'coordinator', 'town'],
  'monthlyReports.read': ['admin', 'coordinator', 'leader', 'bureau', 'viewer'],
  'monthlyReports.write': ['admin', 'coordinator', 'bureau'],
  'monthlyReports.remind': ['admin', 'coordinator'],
}

/** The user's binding, for the row-level rules of src/core/access. */
export interface Binding {
  role?: Role
  leader_id?: number | null
  unit_id?: number | null
}

/** Coordinator and admin every case; a leader the cases it owns. */
export function mayEditKeyCase(who: Binding, caseLeaderId: number): boolean {
  if (who.role === 'admin' || who.role === 'coordinator') return true
  return who.role === 'leader' && who.leader_id === caseLeaderId
}

/** Coordinator and admin every group; a bureau its unit's; a leader its own. */
export function mayRecordVisitOf(
  who: Binding,
  groupUnitId: number,
  groupLeaderId: number,
): boolean {
  if (who.role === 'admin' || who.role === 'coordinator') return true
  if (who.role === 'bureau') return who.unit_id === groupUnitId
  return who.role === 'leader' && who.leader_id === groupLeaderId
}

/** Coordinator and admin every report; a bureau its own unit's. */
export function mayWriteMonthlyReport(who: Binding, unitId: number): boolean {
  if (who.role === 'admin' || who.role === 'coordinator') return true
  return who.role === 'bureau' && who.unit_id === unitId
}

export function roleHas(
  role: Role | undefined,
  permission: Permission,
): boolean {
  return role !== undefined && kPermissionRoles[permission].includes(role)
}
