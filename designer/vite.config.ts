// The designer is a static SPA: the runtime serves dist/ at `/` and answers /api/v1 itself.
// In `vite` dev, /api is proxied to a runtime (TESSERA_API, default http://127.0.0.1:3000).
import { defineConfig } from 'vite';

const apiTarget = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.TESSERA_API;

export default defineConfig({
  base: '/',
  // React 19's automatic JSX runtime through Vite's own esbuild: no React plugin needed.
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      // @rjsf ships "use client" directives for React Server Components; a client bundle ignores them.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': { target: apiTarget ?? 'http://127.0.0.1:3000', changeOrigin: true } } },
});
