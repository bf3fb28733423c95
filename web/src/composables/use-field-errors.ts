import { reactive } from 'vue'

import { ApiError } from '@/api/request'

/**
 * Server-side field errors for an el-form: bind `:error="fieldErrors.x"` on
 * each el-form-item. The message itself was already shown by the request
 * client; this only marks the field the server named.
 */
export function useFieldErrors() {
  const fieldErrors = reactive<Record<string, string>>({})

  function clearFieldErrors(): void {
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key]
  }

  /** Marks the field of `error`; true when it named one. */
  function markFieldError(error: unknown): boolean {
    if (!(error instanceof ApiError) || !error.field) return false
    fieldErrors[error.field] = error.message
    return true
  }

  return { fieldErrors, clearFieldErrors, markFieldError }
}
