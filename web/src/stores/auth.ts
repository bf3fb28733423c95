import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

import { getMe } from '@/api/auth/me'
import {
  login as loginRequest,
  logout as logoutRequest,
  type LoginRequest,
  type SessionResponse,
} from '@/api/auth/session'
import type { User } from '@/api/system/users'
import type { Permission } from '@/utils/access'

/** The signed-in user and the CSRF token sent with every write. */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<User | null>(null)
  const csrfToken = ref('')
  const permissions = ref<Permission[]>([])
  /** True once the session probe at start-up has answered. */
  const checked = ref(false)

  const loggedIn = computed(() => user.value !== null)
  const role = computed(() => user.value?.role)

  function accept(session: SessionResponse): void {
    user.value = session.user
    csrfToken.value = session.csrf_token
    permissions.value = session.permissions
    checked.value = true
  }

  function clear(): void {
    user.value = null
    csrfToken.value = ''
    permissions.value = []
  }

  async function login(credentials: LoginRequest): Promise<void> {
    accept(await loginRequest(credentials))
  }

  /** Restores the session from the cookie; false when there is none. */
  async function fetchMe(): Promise<boolean> {
    try {
      accept(await getMe())
      return true
    } catch {
      clear()
      return false
    } finally {
      checked.value = true
    }
  }

  async function logout(): Promise<void> {
    try {
      await logoutRequest()
    } finally {
      clear()
    }
  }

  function can(permission: Permission): boolean {
    return permissions.value.includes(permission)
  }

  return {
    user,
    csrfToken,
    checked,
    loggedIn,
    role,
    login,
    fetchMe,
    logout,
    clear,
    can,
  }
})
