import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { precompress } from './scripts/precompress';

// The built app is served by bff-web from dist/ on the same origin as the API, so every
// request is same-origin and carries the session cookie; no proxy or CORS setup is needed.
// precompress() writes .br and .gz twins that bff-web serves by the browser's Accept-Encoding.
export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    // Hashed file names under /assets/ let bff-web cache them for a year.
    assetsDir: 'assets',
    sourcemap: false,
  },
  server: {
    strictPort: true,
  },
  test: {
    environment: 'happy-dom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    restoreMocks: true,
  },
});
