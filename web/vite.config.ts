import { defineConfig } from 'vitest/config';

// The console is served by `crc serve` from the binary itself; `npm run dev` proxies the API
// to a local `crc serve` (CRC_API, default http://127.0.0.1:8080) for front-end work.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: process.env.CRC_WEB_OUT ?? 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1024,
    sourcemap: false,
  },
  server: {
    proxy: { '/api': process.env.CRC_API ?? 'http://127.0.0.1:8080' },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'happy-dom',
  },
});
