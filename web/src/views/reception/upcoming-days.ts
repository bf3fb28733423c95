import {
  listReceptionDays,
  type ReceptionDay,
} from '@/api/reception/reception-days'
import { beijingToday } from '@/utils/format'

/**
 * Published reception days from today on, in this year and the next: the
 * days a booking can move to or an invitation can name.
 */
export async function listUpcomingDays(): Promise<ReceptionDay[]> {
  const today = beijingToday()
  const year = Number(today.slice(0, 4))
  const lists = await Promise.all([
    listReceptionDays(year),
    listReceptionDays(year + 1),
  ])
  return lists
    .flatMap((list) => list.items)
    .filter((day) => day.published && day.date >= today)
}
