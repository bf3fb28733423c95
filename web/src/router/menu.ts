import {
  Calendar,
  DataAnalysis,
  Document,
  Files,
  House,
  OfficeBuilding,
  Service,
  Setting,
} from '@element-plus/icons-vue'
import type { Component } from 'vue'

import type { MessageKey } from '@/i18n'

/** A side-menu entry: a page (route name) or a section of pages. */
export interface MenuEntry {
  /** Route name of the page, or a unique key for a section. */
  key: string
  titleKey: MessageKey
  icon?: Component
  children?: MenuEntry[]
}

export const menu: MenuEntry[] = [
  { key: 'home', titleKey: 'menu.home', icon: House },
  {
    key: 'petition',
    titleKey: 'menu.petition',
    icon: Document,
    children: [
      { key: 'petition-register', titleKey: 'menu.petitionRegister' },
      { key: 'petitions', titleKey: 'menu.petitions' },
      { key: 'supervision', titleKey: 'menu.supervision' },
      { key: 'petitioner-history', titleKey: 'menu.petitionerHistory' },
    ],
  },
  {
    key: 'key-case',
    titleKey: 'menu.keyCases',
    icon: Files,
    children: [
      { key: 'key-cases', titleKey: 'menu.keyCaseList' },
      { key: 'my-key-cases', titleKey: 'menu.myKeyCases' },
      { key: 'field-visits', titleKey: 'menu.fieldVisits' },
      { key: 'monthly-reports', titleKey: 'menu.monthlyReports' },
    ],
  },
  {
    key: 'reception',
    titleKey: 'menu.reception',
    icon: Service,
    children: [
      { key: 'reception-days', titleKey: 'menu.receptionDays' },
      { key: 'invitations', titleKey: 'menu.invitations' },
    ],
  },
  {
    key: 'reports',
    titleKey: 'menu.reports',
    icon: DataAnalysis,
    children: [
      { key: 'stats-dashboard', titleKey: 'menu.statsDashboard' },
      { key: 'report-attachments', titleKey: 'menu.reportAttachments' },
      { key: 'ledger-import', titleKey: 'menu.ledgerImport' },
    ],
  },
  {
    key: 'org',
    titleKey: 'menu.org',
    icon: OfficeBuilding,
    children: [
      { key: 'groups', titleKey: 'menu.groups' },
      { key: 'regions', titleKey: 'menu.regions' },
      { key: 'units', titleKey: 'menu.units' },
      { key: 'leaders', titleKey: 'menu.leaders' },
    ],
  },
  { key: 'calendar', titleKey: 'menu.calendar', icon: Calendar },
  {
    key: 'system',
    titleKey: 'menu.system',
    icon: Setting,
    children: [
      { key: 'users', titleKey: 'menu.users' },
      { key: 'notice-templates', titleKey: 'menu.noticeTemplates' },
      { key: 'audit', titleKey: 'menu.audit' },
    ],
  },
]
