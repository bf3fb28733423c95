// Mirror of the server's permission table (src/core/access.*). The server
// decides; this only hides what a role could not use anyway.
import type { Role } from '@/api/system/users'

export type Permission =
  'org.read' | 'org.write' | 'users.read' | 'users.write' | 'audit.read'

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
}

export function roleHas(
  role: Role | undefined,
  permission: Permission,
): boolean {
  return role !== undefined && kPermissionRoles[permission].includes(role)
}
