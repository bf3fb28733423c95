import type { NamedRef } from '@/api/org/groups'
import { useI18n } from '@/i18n'

/** Weekday names and one-line labels of reception days, current locale. */
export function useDayLabel() {
  const { messages } = useI18n()

  /** The weekday of a `YYYY-MM-DD` date, whatever the browser's zone. */
  function weekday(date: string): string {
    const [year, month, day] = date.split('-').map(Number)
    const at = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1))
    return messages.value.calendar.weekdays[at.getUTCDay()] ?? ''
  }

  function leaderNames(leaders: NamedRef[]): string {
    return leaders.map((leader) => leader.name).join('、')
  }

  /** "2026-12-15 周二 施波": enough to pick a day from a list. */
  function dayLabel(day: { date: string; leaders: NamedRef[] }): string {
    return `${day.date} ${weekday(day.date)} ${leaderNames(day.leaders)}`
  }

  return { weekday, leaderNames, dayLabel }
}
