import { request } from '../request'
import type { NamedRef } from '../org/groups'
import type { PetitionSummary } from './petitions'

export interface SupervisionCount {
  overdue: number
  due_soon: number
}

export interface SupervisionBoard {
  overdue: PetitionSummary[]
  due_soon: PetitionSummary[]
  /** Assigned petitions whose unit is past the target the section set. */
  target_overdue: PetitionSummary[]
  by_unit: (SupervisionCount & { unit: NamedRef })[]
  by_leader: (SupervisionCount & { leader: NamedRef })[]
}

export type TodoReason =
  | 'accept'
  | 'assign'
  | 'report'
  | 'reply'
  | 'close'
  | 'answer_supervision'
  | 'decide_review'
  | 'decide_rereview'
  | 'approve_extension'

export interface TodoItem {
  petition: PetitionSummary
  reason: TodoReason
  overdue: boolean
}

/** `dueWithin` in working days (server default 3). */
export function getSupervisionBoard(
  dueWithin?: number,
): Promise<SupervisionBoard> {
  return request<SupervisionBoard>('/api/v1/supervision', {
    query: { due_within: dueWithin },
  })
}

/** What waits on the signed-in user. */
export function getTodo(): Promise<{ items: TodoItem[] }> {
  return request<{ items: TodoItem[] }>('/api/v1/todo')
}
