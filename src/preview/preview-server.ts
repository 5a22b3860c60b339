import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvironmentError } from '../print/with-browser.ts';
import { PREVIEW_SCRIPT, renderDocument, renderView, type PreviewView } from './preview-page.ts';

/** What the server shows; the preview session owns it and the server only reads it. */
export interface PreviewSource {
  view(): PreviewView;
  /** The PNG of page `page` (1-based) of `version`, while that version is kept. */
  image(version: number, page: number): Buffer | undefined;
}

export interface PreviewServer {
  server: Server;
  /** `http://127.0.0.1:PORT/`. */
  url: string;
  /** Tells every open page the current version and whether a build is running. */
  notify(): void;
  /** Ends the event streams and stops listening. */
  close(): Promise<void>;
}

/** Bulletins are often internal documents: only this machine may see them. */
const HOST = '127.0.0.1';

// The page may load nothing but our own routes and run nothing but /preview.js.
const HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; img-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const PAGE_IMAGE = /^\/page\/(\d{1,9})\/(\d{1,5})\.png$/;

/**
 * Serves the preview on 127.0.0.1:`port` (0: any free port). Only its own routes exist —
 * `/`, `/preview.js`, `/view`, `/version`, `/events`, `/page/<version>/<n>.png` and an empty
 * `/favicon.ico` — and none of them reads a path from the URL, so no file of the workspace
 * can be fetched through it.
 */
export async function listenPreview(source: PreviewSource, port: number): Promise<PreviewServer> {
  const streams = new Set<ServerResponse>();
  let allowedHosts = new Set<string>();
  const server = createServer((req, res) => {
    try {
      route(req, res);
    } catch (error) {
      send(res, 500, 'text/plain', `内部错误：${(error as Error).message}`);
    }
  });

  const state = () => JSON.stringify({ version: source.view().version, building: source.view().building });

  function route(req: IncomingMessage, res: ServerResponse): void {
    // A web page elsewhere could point a name of its own at 127.0.0.1 (DNS rebinding) and
    // read the preview; the Host it sends then gives it away.
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 403, 'text/plain', '只接受发往本机地址的请求');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', '只支持 GET 请求', { Allow: 'GET, HEAD' });
    const pathname = (req.url ?? '/').split('?')[0];
    const view = source.view();
    if (pathname === '/') return send(res, 200, 'text/html', renderDocument(view));
    if (pathname === '/preview.js') return send(res, 200, 'text/javascript', PREVIEW_SCRIPT);
    if (pathname === '/version') return send(res, 200, 'application/json', state());
    if (pathname === '/view') {
      const { version, title, status } = view;
      return send(res, 200, 'application/json', JSON.stringify({ version, title, status, html: renderView(view) }));
    }
    if (pathname === '/events') return openStream(req, res);
    if (pathname === '/favicon.ico') return send(res, 204, 'image/x-icon', ''); // browsers ask; spare the console a 404
    const page = PAGE_IMAGE.exec(pathname);
    const png = page && source.image(Number(page[1]), Number(page[2]));
    if (png) return send(res, 200, 'image/png', png, { 'Cache-Control': 'private, max-age=3600, immutable' });
    send(res, 404, 'text/plain', '没有这个页面');
  }

  function openStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { ...HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    // A short retry: after a restart of the preview the page reconnects at once.
    res.write(`retry: 500\ndata: ${state()}\n\n`);
    streams.add(res);
    req.on('close', () => streams.delete(res));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new EnvironmentError(`端口 ${port} 已被占用；换一个端口，或省略 --port 自动选择`) : error),
    );
    server.listen(port, HOST, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`${HOST}:${actual}`, `localhost:${actual}`]);

  return {
    server,
    url: `http://${HOST}:${actual}/`,
    notify() {
      const message = `data: ${state()}\n\n`;
      for (const res of streams) res.write(message);
    },
    close() {
      for (const res of streams) res.end();
      streams.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // keep-alive sockets would hold close() open
      });
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  const charset = typeof body === 'string' ? '; charset=utf-8' : '';
  res.writeHead(status, { ...HEADERS, 'Content-Type': `${type}${charset}`, 'Content-Length': Buffer.byteLength(body), ...extra });
  res.end(body);
}
