#!/usr/bin/env node
// Set-up for a fresh machine, run by `npm start` and `npm test` before anything else.
// Uses Node built-ins only, because it runs before the npm packages are installed.
// Idempotent: each step checks first and does nothing when its work is already done.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from './compiled.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FANDOL = '/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf';

/** Debian packages the tool needs, each with a file that shows it is installed. */
const PACKAGES = [
  ['chromium-headless-shell', '/usr/lib/chromium/chromium-headless-shell'], // the printing engine
  ['chromium', '/usr/bin/chromium'],                                   // the reader's browser (preview tests); fallback engine
  ['poppler-utils', '/usr/bin/pdffonts'],                              // pdffonts/pdftotext/pdftoppm: tests, preflight
  ['fontconfig', '/usr/bin/fc-list'],                                  // font lookup by family name
  ['texlive-lang-chinese', FANDOL],                                    // Fandol: 仿宋, 黑体, 宋体 substitutes
  ['fonts-lxgw-wenkai', '/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf'], // 楷体 substitute
  ['fonts-hanazono', '/usr/share/fonts/truetype/hanazono/HanaMinB.ttf'], // rare characters (Ext. A/B)
  ['git', '/usr/bin/git'],                                             // bulletin archive
  ['procps', '/usr/bin/pgrep'],                                        // the tests watch Chromium's processes
];

function log(message) {
  process.stderr.write(`[setup] ${message}\n`);
}

function installSystemPackages() {
  const missing = PACKAGES.filter(([, marker]) => !existsSync(marker)).map(([name]) => name);
  if (missing.length === 0) return;
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!asRoot && spawnSync('sudo', ['-n', 'true']).status !== 0) {
    log(`缺少系统软件包：${missing.join(' ')}`);
    log(`请以管理员身份运行：sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`);
    process.exit(3);
  }
  log(`安装系统软件包：${missing.join(' ')}（apt-get，首次约需数分钟）`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) =>
    asRoot
      ? spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env })
      : spawnSync('sudo', ['-n', 'apt-get', ...args], { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (apt(['update', '-qq']).status !== 0) log('apt-get update 失败，尝试直接安装');
  const result = apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
  if (result.status !== 0) {
    log('apt-get install 失败，请检查网络或软件源后重试');
    process.exit(3);
  }
}

function installNpmPackages() {
  const lock = path.join(root, 'package-lock.json');
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  log('安装 npm 依赖（npm ci）');
  // puppeteer-core never downloads a browser; the system Chromium is used.
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Converts the CFF substitutes to TrueType once (cached), so the first build is not slow. */
function prepareFonts() {
  try {
    execFileSync(process.execPath, [path.join(root, 'bin', 'bulletin.js'), 'fonts', '--root', root], { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch {
    log('字体准备失败：运行 node bin/bulletin.js fonts 查看原因');
    process.exit(3);
  }
}

installSystemPackages();
installNpmPackages();
if (!compile(root)) log('未能编译 src/（将直接运行 TypeScript 源码，启动稍慢）');
prepareFonts();
