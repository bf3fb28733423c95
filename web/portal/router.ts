import { createRouter, createWebHistory } from 'vue-router'

import Booking from './pages/booking.vue'
import Complaint from './pages/complaint.vue'
import MyBooking from './pages/my-booking.vue'
import Progress from './pages/progress.vue'
import Schedule from './pages/schedule.vue'

const kSiteName = '生态环境信访服务'

// Every page is in the one first-load bundle: they are small, and on a slow
// connection one request is faster than a chunk fetched per tap.
const router = createRouter({
  history: createWebHistory('/public/'),
  routes: [
    { path: '/', component: Schedule, meta: { title: '接访日程' } },
    { path: '/book', component: Booking, meta: { title: '预约接访' } },
    { path: '/my-booking', component: MyBooking, meta: { title: '我的预约' } },
    { path: '/complaint', component: Complaint, meta: { title: '网上投诉' } },
    { path: '/progress', component: Progress, meta: { title: '进度查询' } },
    { path: '/:unknown(.*)*', redirect: '/' },
  ],
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
})

router.afterEach((to) => {
  const title = typeof to.meta.title === 'string' ? to.meta.title : ''
  document.title = title ? `${title} - ${kSiteName}` : kSiteName
})

export default router
