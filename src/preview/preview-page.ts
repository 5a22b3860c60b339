/**
 * The preview page the editor's browser shows. Everything that comes from the editor's files
 * (titles, diagnostics) is escaped here, the one place HTML is made; the page's script only
 * swaps in fragments made here and sets text with textContent.
 */

/** What the page shows at one moment. */
export interface PreviewView {
  /** Goes up by one with every finished build, failed or not; 0 before the first. */
  version: number;
  /** `预览：信息专报 2026年第7期`. */
  title: string;
  /** `已更新 hh:mm:ss`, or `正在编排…` before the first build. */
  status: string;
  /** A build is running: the page says so, and keeps showing the last result meanwhile. */
  building: boolean;
  /** Pixel sizes of the pages of this version, whose PNGs are at /page/<version>/<n>.png. */
  pages: ReadonlyArray<{ width: number; height: number }>;
  /** `path:line: message` lines that stopped the build; when any, they replace the pages. */
  errors: readonly string[];
  /** `path:line: 警告：…` lines of a build that succeeded. */
  warnings: readonly string[];
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The part of the page that changes with each version: pages, or the errors instead. */
export function renderView(view: PreviewView): string {
  if (view.errors.length > 0) {
    return `<section class="errors" role="alert"><h2>无法编排：</h2><pre>${escapeHtml(view.errors.join('\n'))}</pre></section>`;
  }
  if (view.version === 0) return '<p class="waiting">正在编排…</p>';
  const warnings = view.warnings.length > 0 ? `<section class="warnings"><pre>${escapeHtml(view.warnings.join('\n'))}</pre></section>` : '';
  const pages = view.pages.map(
    (p, i) => `<img class="page" src="/page/${view.version}/${i + 1}.png" width="${p.width}" height="${p.height}" alt="第${i + 1}页">`,
  );
  return `${warnings}<div class="pages">${pages.join('')}</div>`;
}

/** The whole page, as first served; later versions arrive through /view. */
export function renderDocument(view: PreviewView): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(view.title)}</title>
<style>${STYLE}</style>
<script src="/preview.js" defer></script>
</head>
<body data-version="${view.version}"${view.building ? ' data-building=""' : ''}>
<header><h1 id="title">${escapeHtml(view.title)}</h1><p id="status">${escapeHtml(view.status)}</p><p id="building">正在编排…</p></header>
<main id="view">${renderView(view)}</main>
</body>
</html>
`;
}

const STYLE = `
body { margin: 0; background: #525659; font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
header { position: sticky; top: 0; z-index: 1; display: flex; gap: 1.5em; align-items: baseline; padding: .5em 1em; background: #323639; color: #eee; }
h1 { margin: 0; font-size: 1rem; font-weight: normal; }
header p { margin: 0; font-size: .875rem; color: #bbb; }
#building { display: none; color: #ffd479; }
body[data-building] #building { display: block; }
.pages { display: flex; flex-direction: column; align-items: center; gap: 12px; padding: 16px; }
.page { max-width: 100%; height: auto; background: #fff; box-shadow: 0 1px 6px rgba(0, 0, 0, .5); }
.errors, .warnings, .waiting { max-width: 60em; margin: 16px auto; padding: 1em 1.5em; background: #fff; }
.errors { border-left: 6px solid #c00; }
.errors h2 { margin: 0 0 .5em; font-size: 1.1rem; color: #c00; }
.warnings { border-left: 6px solid #d90; }
pre { margin: 0; white-space: pre-wrap; font: .95rem/1.6 monospace; }
`;

/**
 * The page's own script, served as /preview.js (the page's CSP allows no inline script).
 * It learns of new versions by Server-Sent Events, or by polling /version where those fail,
 * then fetches the new fragment, waits for its images to decode and swaps it in, so the
 * page neither flickers nor loses the editor's scroll position.
 */
export const PREVIEW_SCRIPT = `'use strict';
(() => {
  const body = document.body;
  const view = document.getElementById('view');
  const status = document.getElementById('status');
  let statusText = status.textContent;
  let shown = Number(body.dataset.version);
  let latest = shown;
  let loading = false;

  async function refresh() {
    if (loading) return;
    loading = true;
    try {
      while (latest > shown) {
        const response = await fetch('/view', { cache: 'no-store' });
        const next = await response.json();
        if (next.version <= shown) break;
        const holder = document.createElement('div');
        holder.innerHTML = next.html;
        await Promise.all(Array.from(holder.querySelectorAll('img'), (img) => img.decode().catch(() => undefined)));
        view.replaceChildren(...holder.childNodes);
        document.title = next.title;
        document.getElementById('title').textContent = next.title;
        statusText = status.textContent = next.status;
        shown = next.version;
        latest = Math.max(latest, shown);
      }
    } catch (error) {
      setTimeout(refresh, 300);
    } finally {
      loading = false;
    }
  }

  function learn(state) {
    body.toggleAttribute('data-building', Boolean(state.building));
    if (state.version > latest) latest = state.version;
    refresh();
  }

  function poll() {
    fetch('/version', { cache: 'no-store' })
      .then((response) => response.json())
      .then(learn, () => undefined)
      .finally(() => setTimeout(poll, 300));
  }

  if (!('EventSource' in window)) return poll();
  const events = new EventSource('/events');
  events.onopen = () => (status.textContent = statusText);
  events.onmessage = (event) => learn(JSON.parse(event.data));
  events.onerror = () => {
    if (events.readyState === EventSource.CLOSED) poll();
    else status.textContent = '与预览服务的连接中断，正在重连…';
  };
})();
`;
