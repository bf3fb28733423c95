import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'

export type LocaleCode = 'zh-CN' | 'en'

const kStorageKey = 'xinfang.locale'

function initialLocale(): LocaleCode {
  return localStorage.getItem(kStorageKey) === 'en' ? 'en' : 'zh-CN'
}

function apply(locale: LocaleCode): void {
  document.documentElement.lang = locale
  // Weeks start on Monday in the Chinese locale (el-calendar reads dayjs).
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn')
}

/** The interface language: Simplified Chinese unless the user chose English. */
export const useLocaleStore = defineStore('locale', () => {
  const locale = ref<LocaleCode>(initialLocale())
  apply(locale.value)

  watch(locale, (value) => {
    localStorage.setItem(kStorageKey, value)
    apply(value)
  })

  function setLocale(value: LocaleCode): void {
    locale.value = value
  }

  return { locale, setLocale }
})
