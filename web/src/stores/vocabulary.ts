import { defineStore } from 'pinia'
import { ref } from 'vue'

import {
  getVocabularies,
  type Vocabularies,
  type VocabularyTerm,
} from '@/api/system/vocabularies'

import { useLocaleStore } from './locale'

type VocabularyName = keyof Vocabularies

/** Code lists with their zh/en labels, loaded once after sign-in. */
export const useVocabularyStore = defineStore('vocabulary', () => {
  const vocabularies = ref<Vocabularies | null>(null)
  let pending: Promise<void> | null = null

  function load(): Promise<void> {
    if (vocabularies.value) return Promise.resolve()
    pending ??= getVocabularies()
      .then((result) => {
        vocabularies.value = result
      })
      .finally(() => {
        pending = null
      })
    return pending
  }

  function terms(name: VocabularyName): VocabularyTerm[] {
    return vocabularies.value?.[name] ?? []
  }

  /** The label of `code` in the current language; the code if unknown. */
  function label(name: VocabularyName, code: string | null | undefined) {
    if (!code) return ''
    const term = terms(name).find((item) => item.code === code)
    if (!term) return code
    return useLocaleStore().locale === 'en' ? term.en : term.zh
  }

  return { vocabularies, load, terms, label }
})
