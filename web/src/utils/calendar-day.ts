import type { CalendarYear } from '@/api/calendar/calendar'

export type DayKind = 'workday' | 'weekend' | 'day-off' | 'adjusted-workday'

/** What kind of day `date` (YYYY-MM-DD) is, and the holiday behind it. */
export interface DayInfo {
  kind: DayKind
  name?: string
}

/**
 * Classifies a day by the State Council notice when the year is known, else
 * by the plain week (Saturday and Sunday off).
 */
export function classifyDay(
  date: string,
  weekday: number,
  year: CalendarYear | null,
): DayInfo {
  const dayOff = year?.days_off.find((day) => day.date === date)
  if (dayOff) return { kind: 'day-off', name: dayOff.name }

  const workday = year?.workdays.find((day) => day.date === date)
  if (workday) return { kind: 'adjusted-workday', name: workday.name }

  return { kind: weekday === 0 || weekday === 6 ? 'weekend' : 'workday' }
}
