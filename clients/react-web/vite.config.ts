import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The built app is served by bff-web from dist/ on the same origin as the API, so every
// request is same-origin and carries the session cookie; no proxy or CORS setup is needed.
export default defineConfig({
  plugins: [react()],
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
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
