import { ElMessage } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import { createPinia } from 'pinia'
import { createApp } from 'vue'

import { ApiError } from './api/request'
import App from './App.vue'
import { translate } from './i18n'
import router from './router'
import './styles/index.css'

const app = createApp(App)
app.use(createPinia())
app.use(router)

// Failed requests were already shown to the user by the request client;
// anything else is our bug, shown once without details.
app.config.errorHandler = (error) => {
  if (error instanceof ApiError) return
  ElMessage.error({ message: translate('common.unexpected'), grouping: true })
  if (import.meta.env.DEV) console.error(error)
}
window.addEventListener('unhandledrejection', (event) => {
  if (event.reason instanceof ApiError) event.preventDefault()
})

app.mount('#app')
