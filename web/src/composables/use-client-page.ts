import { computed, ref, watch, type Ref } from 'vue'

/**
 * Pages a list that is already fully loaded (the organisation lists are a
 * few dozen rows, fetched in one request and filtered in the browser).
 */
export function useClientPage<T>(rows: Ref<T[]>, initialSize = 20) {
  const pageNum = ref(1)
  const pageSize = ref(initialSize)

  const total = computed(() => rows.value.length)
  const pageRows = computed(() => {
    const start = (pageNum.value - 1) * pageSize.value
    return rows.value.slice(start, start + pageSize.value)
  })

  // Stay on a page that exists when the filtered list shrinks.
  watch(total, (count) => {
    const last = Math.max(1, Math.ceil(count / pageSize.value))
    if (pageNum.value > last) pageNum.value = last
  })

  return { pageNum, pageSize, total, pageRows }
}
