import type { RouteRecordRaw } from 'vue-router'

import type { MessageKey } from '@/i18n'
import type { Permission } from '@/utils/access'

declare module 'vue-router' {
  interface RouteMeta {
    /** Catalogue key of the page title (menu, breadcrumb, tab title). */
    titleKey?: MessageKey
    /** Permission needed to open the page; none = any signed-in user. */
    permission?: Permission
    /** Opens without signing in. */
    public?: boolean
  }
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/login/index.vue'),
    meta: { public: true, titleKey: 'login.title' },
  },
  {
    path: '/',
    component: () => import('@/layouts/admin-layout.vue'),
    children: [
      {
        path: '',
        name: 'home',
        component: () => import('@/views/home/index.vue'),
        meta: { titleKey: 'menu.home' },
      },
      {
        path: 'petitions/new',
        name: 'petition-register',
        component: () => import('@/views/petition/register/index.vue'),
        meta: {
          titleKey: 'menu.petitionRegister',
          permission: 'petitions.register',
        },
      },
      {
        path: 'petitions',
        name: 'petitions',
        component: () => import('@/views/petition/list/index.vue'),
        meta: { titleKey: 'menu.petitions', permission: 'petitions.read' },
      },
      {
        path: 'petitions/:id(\\d+)',
        name: 'petition-detail',
        component: () => import('@/views/petition/detail/index.vue'),
        meta: {
          titleKey: 'menu.petitionDetail',
          permission: 'petitions.read',
        },
      },
      {
        path: 'petitioners/history',
        name: 'petitioner-history',
        component: () => import('@/views/petition/history/index.vue'),
        meta: {
          titleKey: 'menu.petitionerHistory',
          permission: 'petitioners.reveal',
        },
      },
      {
        path: 'supervision',
        name: 'supervision',
        component: () => import('@/views/petition/supervision/index.vue'),
        meta: { titleKey: 'menu.supervision', permission: 'petitions.read' },
      },
      {
        path: 'reception-days',
        name: 'reception-days',
        component: () => import('@/views/reception/days/index.vue'),
        meta: { titleKey: 'menu.receptionDays', permission: 'reception.read' },
      },
      {
        path: 'reception-days/:id(\\d+)/appointments',
        name: 'reception-day-appointments',
        component: () => import('@/views/reception/appointments/index.vue'),
        meta: {
          titleKey: 'menu.receptionAppointments',
          permission: 'reception.read',
        },
      },
      {
        path: 'invitations',
        name: 'invitations',
        component: () => import('@/views/reception/invitations/index.vue'),
        meta: { titleKey: 'menu.invitations', permission: 'reception.read' },
      },
      {
        path: 'reports/dashboard',
        name: 'stats-dashboard',
        component: () => import('@/views/reports/dashboard/index.vue'),
        meta: { titleKey: 'menu.statsDashboard', permission: 'reports.read' },
      },
      {
        path: 'reports/attachments',
        name: 'report-attachments',
        component: () => import('@/views/reports/attachments/index.vue'),
        meta: {
          titleKey: 'menu.reportAttachments',
          permission: 'reports.read',
        },
      },
      {
        path: 'reports/import',
        name: 'ledger-import',
        component: () => import('@/views/reports/import/index.vue'),
        meta: { titleKey: 'menu.ledgerImport', permission: 'ledger.import' },
      },
      {
        path: 'system/notice-templates',
        name: 'notice-templates',
        component: () => import('@/views/system/notice-templates/index.vue'),
        meta: { titleKey: 'menu.noticeTemplates', permission: 'notices.print' },
      },
      {
        path: 'key-cases',
        name: 'key-cases',
        component: () => import('@/views/keycase/list/index.vue'),
        meta: { titleKey: 'menu.keyCaseList', permission: 'keyCases.read' },
      },
      {
        path: 'key-cases/mine',
        name: 'my-key-cases',
        component: () => import('@/views/keycase/list/index.vue'),
        props: { mine: true },
        meta: { titleKey: 'menu.myKeyCases', permission: 'keyCases.edit' },
      },
      {
        path: 'key-cases/:id(\\d+)',
        name: 'key-case-detail',
        component: () => import('@/views/keycase/detail/index.vue'),
        meta: { titleKey: 'menu.keyCaseDetail', permission: 'keyCases.read' },
      },
      {
        path: 'field-visits',
        name: 'field-visits',
        component: () => import('@/views/keycase/visits/index.vue'),
        meta: { titleKey: 'menu.fieldVisits', permission: 'fieldVisits.read' },
      },
      {
        path: 'monthly-reports',
        name: 'monthly-reports',
        component: () => import('@/views/keycase/reports/index.vue'),
        meta: {
          titleKey: 'menu.monthlyReports',
          permission: 'monthlyReports.read',
        },
      },
      {
        path: 'org/regions',
        name: 'regions',
        component: () => import('@/views/org/regions/index.vue'),
        meta: { titleKey: 'menu.regions', permission: 'org.read' },
      },
      {
        path: 'org/units',
        name: 'units',
        component: () => import('@/views/org/units/index.vue'),
        meta: { titleKey: 'menu.units', permission: 'org.read' },
      },
      {
        path: 'org/leaders',
        name: 'leaders',
        component: () => import('@/views/org/leaders/index.vue'),
        meta: { titleKey: 'menu.leaders', permission: 'org.read' },
      },
      {
        path: 'org/groups',
        name: 'groups',
        component: () => import('@/views/org/groups/index.vue'),
        meta: { titleKey: 'menu.groups', permission: 'org.read' },
      },
      {
        path: 'calendar',
        name: 'calendar',
        component: () => import('@/views/calendar/index.vue'),
        meta: { titleKey: 'menu.calendar', permission: 'org.read' },
      },
      {
        path: 'system/users',
        name: 'users',
        component: () => import('@/views/system/users/index.vue'),
        meta: { titleKey: 'menu.users', permission: 'users.read' },
      },
      {
        path: 'system/audit',
        name: 'audit',
        component: () => import('@/views/system/audit/index.vue'),
        meta: { titleKey: 'menu.audit', permission: 'audit.read' },
      },
      {
        path: 'forbidden',
        name: 'forbidden',
        component: () => import('@/views/error/forbidden.vue'),
        meta: { titleKey: 'error.forbidden' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/error/not-found.vue'),
        meta: { titleKey: 'error.notFound' },
      },
    ],
  },
]
