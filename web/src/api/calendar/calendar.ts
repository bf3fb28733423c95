import { request } from '../request'

/** A date (YYYY-MM-DD) of the State Council notice, with its holiday. */
export interface CalendarDay {
  date: string
  name: string
}

export interface CalendarYear {
  year: number
  /** False when the year's notice is not in the server's data file. */
  known: boolean
  days_off: CalendarDay[]
  /** Weekend days that are worked to make up for a holiday (调休上班). */
  workdays: CalendarDay[]
}

export function getCalendarYear(year: number): Promise<CalendarYear> {
  return request<CalendarYear>(`/api/v1/calendar/${year}`)
}
