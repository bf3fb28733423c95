// Permission codes of the server's one table (src/core/access.cpp). The
// server sends the signed-in user's codes with the session; the web app only
// hides what the user could not use anyway, and the server still decides.

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
