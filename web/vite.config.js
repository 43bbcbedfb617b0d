// Vite build of the browser UI. The output (dist/) is embedded in the fazhi
// binary by scripts/embed_web.py and served under the server's strict CSP
// (default-src 'self'): no inline scripts, no data: URLs, nothing external.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0, // data: URLs would break the CSP
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
  },
  server: {
    proxy: { '/api': process.env.FAZHI_URL || 'http://127.0.0.1:8080' },
  },
})
