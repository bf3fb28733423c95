import { onBeforeUnmount, ref, watch, type Ref } from 'vue'

import {
  findRepeatCandidates,
  type RepeatCandidate,
  type RepeatCandidateQuery,
} from '@/api/petition/petitions'

/** How long the clerk may pause typing before the server is asked. */
const kDebounceMs = 500

/**
 * Possible repeats of the petition being registered: asked of the server
 * (debounced) whenever the queries change, merged by petition id.
 */
export function useRepeatCandidates(queries: Ref<RepeatCandidateQuery[]>) {
  const candidates = ref<RepeatCandidate[]>([])
  const loading = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let generation = 0

  async function fetchAll(list: RepeatCandidateQuery[]): Promise<void> {
    const mine = ++generation
    loading.value = true
    try {
      const answers = await Promise.all(list.map(findRepeatCandidates))
      if (mine !== generation) return
      const byId = new Map<number, RepeatCandidate>()
      for (const item of answers.flatMap((answer) => answer.items)) {
        if (!byId.has(item.id)) byId.set(item.id, item)
      }
      candidates.value = [...byId.values()]
    } catch {
      // Repeat hints are advisory: a failed look-up must not block the
      // registration, so the panel simply keeps its previous content.
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  watch(
    () => JSON.stringify(queries.value),
    () => {
      clearTimeout(timer)
      const list = queries.value
      if (!list.length) {
        generation++
        candidates.value = []
        loading.value = false
        return
      }
      timer = setTimeout(() => void fetchAll(list), kDebounceMs)
    },
  )
  onBeforeUnmount(() => clearTimeout(timer))

  return { candidates, loading }
}
