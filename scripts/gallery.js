#!/usr/bin/env node
// Renders pages of the sample issues (built by `npm start` into dist/) to PNG for the
// README's gallery: `npm run gallery`. Uses poppler's pdftoppm.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'docs', 'gallery');
mkdirSync(out, { recursive: true });

const PAGES = [
  ['special-report-2026-007', [1, 2, 12]],
  ['work-dynamics-2026-041', [1, 2, 3, 10]],
];
for (const [name, pages] of PAGES) {
  for (const page of pages) {
    const prefix = path.join(out, `${name}-p${page}`);
    const pdf = path.join(root, 'dist', '2026', `${name}.pdf`);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix]);
    process.stdout.write(`${prefix}.png\n`);
  }
}
