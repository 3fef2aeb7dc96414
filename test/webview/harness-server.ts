// The static server of the webview tests and benchmark (the built webview and the fake host page
// on 127.0.0.1), and the theme variable sets.
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';

/** The bundle lives in out/test/webview/, three levels below the repository. */
export const repoRoot = resolve(__dirname, '..', '..', '..');
export type ThemeKind = 'light' | 'dark' | 'high-contrast';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/** Serves `/webview/*` from webviewDir and the fake host page from out/test/webview. */
export async function startServer(
  webviewDir = join(repoRoot, 'dist', 'webview'),
): Promise<{ url: string; close(): Promise<void> }> {
  const roots: Record<string, string> = {
    '/webview/': webviewDir,
    '/': join(repoRoot, 'out', 'test', 'webview'),
  };
  const hostPage = join(repoRoot, 'test', 'webview', 'fake-host', 'index.html');
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    let file: string | undefined;
    if (path === '/' || path === '/index.html') file = hostPage;
    else {
      const prefix = Object.keys(roots).find((p) => path.startsWith(p)) as string;
      const candidate = normalize(join(roots[prefix], path.slice(prefix.length)));
      if (candidate.startsWith(roots[prefix]) && existsSync(candidate)) file = candidate;
    }
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(() => ok())) };
}

export function themeVariables(kind: ThemeKind): Record<string, string> {
  return (
    JSON.parse(readFileSync(join(repoRoot, 'test', 'webview', 'themes', `${kind}.json`), 'utf8')) as {
      variables: Record<string, string>;
    }
  ).variables;
}
