// Chinese labels of the codes the public endpoints send, and the date and
// time formats the pages show.
import type { PublicDay } from './api'

/** The server's pollution-type codes, in the order the form offers them. */
export const kPollutionTypes = [
  { code: 'air', label: '大气' },
  { code: 'noise', label: '噪声' },
  { code: 'water', label: '水' },
  { code: 'solid_waste', label: '固体废物' },
  { code: 'soil', label: '土壤' },
  { code: 'radiation', label: '辐射' },
  { code: 'other', label: '其他' },
] as const

const kBookingStatus: Record<string, string> = {
  booked: '已预约',
  confirmed: '已确认',
  cancelled: '已取消',
  attended: '已接待',
  no_show: '未到场',
}

const kReplyWay: Record<string, string> = {
  written: '书面答复',
  phone: '电话答复',
  in_person: '当面答复',
}

const kDeadlineKind: Record<string, string> = {
  acceptance: '告知是否受理的期限',
  handling: '办理答复的期限',
}

export function bookingStatusLabel(status: string): string {
  return kBookingStatus[status] ?? status
}

export function replyWayLabel(way: string | null): string {
  return way ? (kReplyWay[way] ?? way) : ''
}

export function deadlineLabel(kind: string): string {
  return kDeadlineKind[kind] ?? kind
}

/** Bookings in these states can still be cancelled by the citizen. */
export function isCancellable(status: string): boolean {
  return status === 'booked' || status === 'confirmed'
}

/** `2026-12-15` → `2026年12月15日`. */
export function formatDate(date: string): string {
  const [year, month, day] = date.split('-')
  if (!year || !month || !day) return date
  return `${year}年${Number(month)}月${Number(day)}日`
}

/**
 * The server sends Beijing times as `2026-12-04T05:41:46+08:00`; the wall
 * clock part is shown as is, whatever the phone's own time zone.
 */
export function formatTime(value: string | null): string {
  if (!value) return '—'
  return value.slice(0, 16).replace('T', ' ')
}

export function leaderNames(day: PublicDay): string {
  return day.leaders.map((leader) => leader.name).join('、')
}

export function sessionLabel(day: PublicDay): string {
  return `${formatDate(day.date)} ${day.weekday} ${day.start_time}–${day.end_time}`
}

/** Whether a citizen can book this day now. */
export function canBook(day: PublicDay): boolean {
  return day.booking_open && day.free > 0
}

export function bookingStateLabel(day: PublicDay): string {
  if (!day.booking_open) return '预约已截止'
  if (day.free <= 0) return '已约满'
  return '可预约'
}
