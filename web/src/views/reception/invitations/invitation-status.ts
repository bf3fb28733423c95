import type { InvitationStatus } from '@/api/reception/invitations'

/** In the order an invitation goes through them. */
export const kInvitationStatuses: readonly InvitationStatus[] = [
  'invited',
  'accepted',
  'declined',
  'held',
]

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

/** Open blue, agreed orange (still to hold), held green, declined grey. */
export const kInvitationTagTypes: Record<InvitationStatus, TagType> = {
  invited: 'primary',
  accepted: 'warning',
  declined: 'info',
  held: 'success',
}
