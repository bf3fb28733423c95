import type { WorkflowAction } from '@/api/petition/petitions'

/** A field of a workflow step's dialog, named as in the request body. */
export type ActionField =
  | 'reason'
  | 'agency'
  | 'unit_id'
  | 'requirements'
  | 'deadline'
  | 'findings'
  | 'content'
  | 'way'
  | 'satisfaction'
  | 'extension_days'
  | 'until'

/** What each action of the petition contract's Workflow section carries. */
export const kActionFields: Record<WorkflowAction, ActionField[]> = {
  accept: [],
  decline: ['reason'],
  forward: ['agency'],
  assign: ['unit_id', 'requirements', 'deadline'],
  report: ['findings'],
  reply: ['content', 'way'],
  record_satisfaction: ['satisfaction'],
  close: [],
  request_review: ['reason'],
  decide_review: ['content'],
  request_rereview: ['reason'],
  decide_rereview: ['content'],
  mark_litigation: ['reason'],
  extend: ['extension_days', 'reason'],
  supervise: ['content', 'deadline'],
  answer_supervision: ['content'],
  pause: ['reason', 'until'],
}

/** Actions that end or turn away a petition: shown as danger buttons. */
export const kDangerActions: readonly WorkflowAction[] = [
  'decline',
  'mark_litigation',
]

/** Fields entered as long text. */
export const kTextAreaFields: readonly ActionField[] = [
  'reason',
  'requirements',
  'findings',
  'content',
]
