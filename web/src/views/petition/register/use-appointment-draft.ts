import { computed, ref, watch } from 'vue'
import { useRoute } from 'vue-router'

import type { NamedRef } from '@/api/org/groups'
import { getAppointmentDraft } from '@/api/reception/appointments'
import { getInvitationDraft } from '@/api/reception/invitations'

/** What the desk registers from: a booking or an accepted invitation. */
export interface RegistrationDraft {
  appointment_id?: number
  invitation_id?: number
  /** Booking code, for a booking. */
  code?: string
  channel: string
  source: string
  received_at: string
  region_id: number | null
  summary: string
  petitioners: { name: string; phone?: string; representative: boolean }[]
  receiving_leaders: NamedRef[]
  /** The petition an invitation is about. */
  linked_petition_ids?: number[]
}

type Origin = { kind: 'appointment' | 'invitation'; id: number }

function idOf(value: unknown): number | null {
  const id = Number(value)
  return Number.isInteger(id) && id > 0 ? id : null
}

/**
 * The booking named by `?appointment=<id>` or the invitation named by
 * `?invitation=<id>`, in clear, so the desk does not type again what the
 * citizen already gave; null without either parameter.
 */
export function useAppointmentDraft() {
  const route = useRoute()
  const draft = ref<RegistrationDraft | null>(null)
  const loading = ref(false)
  let generation = 0

  const appointmentId = computed(() => idOf(route.query.appointment))
  const origin = computed<Origin | null>(() => {
    if (appointmentId.value !== null) {
      return { kind: 'appointment', id: appointmentId.value }
    }
    const invitation = idOf(route.query.invitation)
    return invitation === null ? null : { kind: 'invitation', id: invitation }
  })

  async function load(from: Origin | null): Promise<void> {
    const mine = ++generation
    if (from === null) {
      draft.value = null
      loading.value = false
      return
    }
    loading.value = true
    try {
      const result: RegistrationDraft =
        from.kind === 'appointment'
          ? await getAppointmentDraft(from.id)
          : await getInvitationDraft(from.id)
      if (mine === generation) draft.value = result
    } catch {
      // The request client already said why; the form stays a plain one.
      if (mine === generation) draft.value = null
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  watch(origin, (from) => void load(from), { immediate: true })

  return { draft, loading, appointmentId }
}
