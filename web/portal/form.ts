// Error state shared by the portal's forms: a message per field, shown under
// that field, and one general message for errors tied to no field.
import { nextTick, reactive, ref } from 'vue'

import { ApiError } from './api'

export function useFormErrors<Field extends string>(fields: readonly Field[]) {
  // Vue's unwrapping type cannot be indexed by a generic key; the values are
  // plain strings, so there is nothing to unwrap.
  const errors: Partial<Record<Field, string>> = reactive({})
  const general = ref('')

  function clear(): void {
    for (const field of fields) delete errors[field]
    general.value = ''
  }

  function isField(name: string | undefined): name is Field {
    return name !== undefined && (fields as readonly string[]).includes(name)
  }

  /** Puts a server (or network) error beside its field, or above the button. */
  function show(error: unknown): void {
    if (!(error instanceof ApiError)) throw error
    if (isField(error.field)) errors[error.field] = error.message
    else general.value = error.message
  }

  function fail(field: Field, message: string): void {
    errors[field] = message
  }

  function hasErrors(): boolean {
    return fields.some((field) => errors[field])
  }

  return { errors, general, clear, show, fail, hasErrors }
}

/** The digits of a phone number as typed, e.g. `139 1234-5678`. */
function digitsOf(phone: string): string {
  return phone.replace(/\D/g, '')
}

/**
 * A quick check before sending, so that a typing mistake costs no request
 * (the public endpoints are rate-limited); the server decides in the end.
 */
export function looksLikeMobile(phone: string): boolean {
  return /^(0086|86)?1\d{10}$/.test(digitsOf(phone))
}

export function lastFourDigits(phone: string): string {
  return digitsOf(phone).slice(-4)
}

export function isLastFour(text: string): boolean {
  return /^\d{4}$/.test(text)
}

/** Codes are shown in capitals; citizens often type them in lower case. */
export function normalizeCode(text: string): string {
  return text.replace(/\s/g, '').toUpperCase()
}

/** Moves the focus (and the view) to the first field marked invalid. */
export function focusFirstError(form: HTMLFormElement | undefined): void {
  void nextTick(() => {
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form?.querySelector<HTMLElement>('[role="alert"]')
    target?.focus({ preventScroll: true })
    target?.scrollIntoView({ block: 'center' })
  })
}
