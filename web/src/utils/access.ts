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
}

export function roleHas(
  role: Role | undefined,
  permission: Permission,
): boolean {
  return role !== undefined && kPermissionRoles[permission].includes(role)
}
