import dayjs from 'dayjs'

const kServerTime = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/

/**
 * Shows a server time (ISO 8601, +08:00) as the Beijing wall-clock time it
 * names, whatever the browser's time zone is.
 */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return ''
  const match = kServerTime.exec(value)
  if (match) return `${match[1]} ${match[2]}`
  const parsed = dayjs(value)
  return parsed.isValid() ? parsed.format('YYYY-MM-DD HH:mm:ss') : value
}

/** A date as `YYYY-MM-DD` from its parts (month 1–12). */
export function isoDate(year: number, month: number, day: number): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${year}-${pad(month)}-${pad(day)}`
}

/** The month of a local date as `YYYY-MM`. */
export function isoMonth(date: Date): string {
  return isoDate(date.getFullYear(), date.getMonth() + 1, 1).slice(0, 7)
}

const kBeijingOffsetMs = 8 * 60 * 60 * 1000

/**
 * Now as Beijing wall-clock time `YYYY-MM-DD HH:mm:ss`, whatever the
 * browser's time zone (the form pickers hold wall-clock strings).
 */
export function beijingNow(): string {
  const shifted = new Date(Date.now() + kBeijingOffsetMs).toISOString()
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`
}

/** Today in Beijing as `YYYY-MM-DD`. */
export function beijingToday(): string {
  return beijingNow().slice(0, 10)
}

/** A wall-clock `YYYY-MM-DD HH:mm:ss` as the server's RFC 3339 time. */
export function toServerTime(wallClock: string): string {
  return `${wallClock.replace(' ', 'T')}+08:00`
}

/** The date part of a server time or date. */
export function formatDate(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : ''
}
