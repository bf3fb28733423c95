import { onBeforeUnmount, ref } from 'vue'

/** Below this width the side menu becomes a drawer (phones). */
const kMobileQuery = '(max-width: 767px)'

/** Whether the viewport is phone-sized; follows window resizes. */
export function useIsMobile() {
  const media = window.matchMedia(kMobileQuery)
  const isMobile = ref(media.matches)

  function update(event: MediaQueryListEvent): void {
    isMobile.value = event.matches
  }

  media.addEventListener('change', update)
  onBeforeUnmount(() => media.removeEventListener('change', update))
  return isMobile
}
