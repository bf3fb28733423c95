import { computed } from 'vue'

import { useLocaleStore, type LocaleCode } from '@/stores/locale'

import en from './en'
import zhCN, { type Messages } from './zh-cn'

const catalogues: Record<LocaleCode, Messages> = { 'zh-CN': zhCN, en }

type Join<K, P> = K extends string
  ? P extends string
    ? `${K}.${P}`
    : never
  : never

/** Every dotted path of the catalogue that ends in a string. */
type MessageKey<T = Messages> = {
  [K in keyof T & string]: T[K] extends string
    ? K
    : T[K] extends readonly string[]
      ? never
      : Join<K, MessageKey<T[K]>>
}[keyof T & string]

type Params = Record<string, string | number>

function lookUp(messages: Messages, key: string): string {
  let node: unknown = messages
  for (const part of key.split('.')) {
    node = (node as Record<string, unknown> | undefined)?.[part]
  }
  return typeof node === 'string' ? node : key
}

function fill(text: string, params?: Params): string {
  if (!params) return text
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  )
}

/** Translation helpers bound to the current locale (reactive). */
export function useI18n() {
  const localeStore = useLocaleStore()
  const messages = computed(() => catalogues[localeStore.locale])

  function t(key: MessageKey, params?: Params): string {
    return fill(lookUp(messages.value, key), params)
  }

  /** Looks up a key built at run time; `fallback` when it is unknown. */
  function tOr(key: string, fallback: string): string {
    const text = lookUp(messages.value, key)
    return text === key ? fallback : text
  }

  return { t, tOr, messages, locale: computed(() => localeStore.locale) }
}

/** Translates outside components (request client, router), current locale. */
export function translate(key: MessageKey, params?: Params): string {
  return fill(lookUp(catalogues[useLocaleStore().locale], key), params)
}

export type { MessageKey }
