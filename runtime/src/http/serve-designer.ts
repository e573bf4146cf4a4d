// Serves the built designer (designer/dist) at `/` with single-page-app fallback to index.html.
// Paths are resolved inside the directory only; anything escaping it is a 404.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export function serveDesigner(directory: string) {
  const root = normalize(directory);
  return async (c: Context) => {
    const requested = decodeURIComponent(new URL(c.req.url).pathname);
    const candidate = normalize(join(root, requested));
    const inside = candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep);
    const file = inside && extname(candidate) ? candidate : join(root, 'index.html');
    try {
      const content = await readFile(file);
      const immutable = file.includes(`${sep}assets${sep}`);
      return c.body(content, 200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    } catch {
      return c.text('Not found', 404);
    }
  };
}
