import { computed, ref, watch } from 'vue'
import { useRoute } from 'vue-router'

import {
  getAppointmentDraft,
  type AppointmentDraft,
} from '@/api/reception/appointments'

/**
 * The booking named by `?appointment=<id>`, in clear, so the desk does not
 * type again what the citizen already gave; null without the parameter.
 */
export function useAppointmentDraft() {
  const route = useRoute()
  const draft = ref<AppointmentDraft | null>(null)
  const loading = ref(false)
  let generation = 0

  const appointmentId = computed(() => {
    const id = Number(route.query.appointment)
    return Number.isInteger(id) && id > 0 ? id : null
  })

  async function load(id: number | null): Promise<void> {
    const mine = ++generation
    if (id === null) {
      draft.value = null
      loading.value = false
      return
    }
    loading.value = true
    try {
      const result = await getAppointmentDraft(id)
      if (mine === generation) draft.value = result
    } catch {
      // The request client already said why; the form stays a plain one.
      if (mine === generation) draft.value = null
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  watch(appointmentId, (id) => void load(id), { immediate: true })

  return { draft, loading, appointmentId }
}
