import type { AuditEntry } from '@/api/system/audit'
import { useI18n } from '@/i18n'
import { useVocabularyStore } from '@/stores/vocabulary'

/** One changed field, ready to show: label, old and new value as text. */
export interface ChangeLine {
  field: string
  label: string
  before: string
  after: string
  /** The record was created (there is no old value to show). */
  created: boolean
}

/** Fields a created record always has, which say nothing to the reader. */
const kCreateNoise = new Set(['id', 'created_at', 'last_login_at'])

function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0
  return value === null || value === undefined || value === ''
}

/**
 * Leaves out what adds no information: an `x_id` whose `x_name` is shown
 * too, and on creation the empty and bookkeeping fields.
 */
function hidden(
  field: string,
  after: unknown,
  changes: Record<string, unknown>,
  created: boolean,
): boolean {
  if (field.endsWith('_id') && `${field.slice(0, -3)}_name` in changes) {
    return true
  }
  return created && (kCreateNoise.has(field) || isEmpty(after))
}

/** Turns an audit row's `{field: [old, new]}` into readable lines. */
export function useAuditChanges() {
  const { t, tOr } = useI18n()
  const vocabulary = useVocabularyStore()

  function formatValue(field: string, value: unknown): string {
    if (value === null || value === undefined || value === '') return '—'
    if (typeof value === 'boolean') {
      if (field === 'active') {
        return value ? t('common.active') : t('common.inactive')
      }
      return value ? t('common.yes') : t('common.no')
    }
    if (field === 'role') return vocabulary.label('roles', String(value))
    if (field === 'kind') return vocabulary.label('unit_kinds', String(value))
    if (field === 'group_role') {
      return vocabulary.label('group_roles', String(value))
    }
    if (Array.isArray(value)) {
      return value.map((item) => formatValue(field, item)).join('、')
    }
    if (typeof value === 'object') return JSON.stringify(value)
    return String(value)
  }

  function changeLines(entry: AuditEntry): ChangeLine[] {
    const changes = entry.changes ?? {}
    const created = entry.action === 'create'
    return Object.entries(changes).flatMap(([field, pair]) => {
      const [before, after] = Array.isArray(pair) ? pair : [null, pair]
      if (hidden(field, after, changes, created)) return []
      return [
        {
          field,
          label: tOr(`audit.fields.${field}`, field),
          before: formatValue(field, before),
          after: formatValue(field, after),
          created: created || before === null,
        },
      ]
    })
  }

  return { changeLines }
}
