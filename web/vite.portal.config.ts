import { fileURLToPath, URL } from 'node:url'

import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

// The public portal (/public/): citizens open it on phones, often from a
// WeChat article on a slow connection, so it is a bundle of its own without
// Element Plus. `xinfang serve` serves dist/public/index.html for any
// /public/* path. It is built after the staff app, whose build empties dist/.
const apiTarget = process.env.XINFANG_API ?? 'http://127.0.0.1:8080'

export default defineConfig({
  root: fileURLToPath(new URL('./portal', import.meta.url)),
  base: '/public/',
  plugins: [
    vue({
      features: {
        optionsAPI: false,
        prodDevtools: false,
        prodHydrationMismatchDetails: false,
      },
    }),
  ],
  server: {
    proxy: {
      '/api': apiTarget,
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/public', import.meta.url)),
    emptyOutDir: true,
    // No code splitting, hence no dynamic imports to preload.
    modulePreload: { polyfill: false },
  },
})
