import { createRouter, createWebHistory } from 'vue-router'

import { translate } from '@/i18n'
import { useAuthStore } from '@/stores/auth'

import { routes } from './routes'

const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach(async (to) => {
  const auth = useAuthStore()
  if (!auth.checked) await auth.fetchMe()

  if (to.meta.public) {
    return to.name === 'login' && auth.loggedIn ? { name: 'home' } : true
  }
  if (!auth.loggedIn) {
    return { name: 'login', query: { redirect: to.fullPath } }
  }
  if (to.meta.permission && !auth.can(to.meta.permission)) {
    return { name: 'forbidden' }
  }
  return true
})

router.afterEach((to) => {
  const system = translate('app.system')
  document.title = to.meta.titleKey
    ? `${translate(to.meta.titleKey)} - ${system}`
    : system
})

export default router
