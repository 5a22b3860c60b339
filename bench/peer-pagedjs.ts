/**
 * Peer: pagedjs-cli, run as a user runs it, once per issue, on the items converted
 * to one HTML document. Its Puppeteer is pointed at the system Chromium with
 * PUPPETEER_EXECUTABLE_PATH; as root, Chromium needs --no-sandbox, which the CLI passes
 * through with its --browserArgs option.
 *
 *   node --import tsx bench/peer-pagedjs.ts HTML_DIR OUT_DIR
 *
 * Prints one JSON line: { converted, failed, errors }.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from '../src/print/with-browser.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(REPO, 'node_modules/.bin/pagedjs-cli');
const [inputDir, outDir] = process.argv.slice(2).map((p) => path.resolve(p));
if (!inputDir || !outDir) throw new Error('usage: peer-pagedjs.ts HTML_DIR OUT_DIR');
if (!existsSync(CLI)) throw new Error(`pagedjs-cli is not installed (${CLI}); run npm install`);
await mkdir(outDir, { recursive: true });
const env = { ...process.env, PUPPETEER_EXECUTABLE_PATH: chromiumPath() };
const files = (await readdir(inputDir)).filter((f) => f.endsWith('.html')).sort();
let converted = 0;
const errors: string[] = [];
for (const file of files) {
  const output = path.join(outDir, file.replace(/\.html$/, '.pdf'));
  const args = [path.join(inputDir, file), '-o', output, '--browserArgs=--no-sandbox,--disable-gpu', '--timeout', '120000'];
  const result = await run(CLI, args);
  if (result.code === 0 && existsSync(output)) converted++;
  else errors.push(`${file}: exit ${result.code}: ${result.stderr.trim().split('\n').slice(-1)[0] ?? ''}`);
}
process.stdout.write(`${JSON.stringify({ converted, failed: errors.length, errors: errors.slice(0, 5) })}\n`);

function run(command: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr }));
  });
}
