/**
 * Peer: md-to-pdf (its JS API), on each issue's items as one Markdown document, one issue
 * after another, as a user scripting it would. Each mdToPdf() call starts its own file
 * server and its own Chromium (the system one, passed as launch_options) and closes them:
 * that is how the API works.
 *
 *   node --import tsx bench/peer-md-to-pdf.ts MARKDOWN_DIR OUT_DIR
 *
 * Prints one JSON line: { converted, failed, errors }.
 */
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { mdToPdf } from 'md-to-pdf';
import { chromiumPath } from '../src/print/with-browser.ts';
import { PEER_CSS, PEER_MARGIN } from './peer-inputs.ts';

const [inputDir, outDir] = process.argv.slice(2).map((p) => path.resolve(p));
if (!inputDir || !outDir) throw new Error('usage: peer-md-to-pdf.ts MARKDOWN_DIR OUT_DIR');
await mkdir(outDir, { recursive: true });
const files = (await readdir(inputDir)).filter((f) => f.endsWith('.md')).sort();
let converted = 0;
const errors: string[] = [];
for (const file of files) {
  try {
    await mdToPdf(
      { path: path.join(inputDir, file) },
      {
        dest: path.join(outDir, file.replace(/\.md$/, '.pdf')),
        css: PEER_CSS,
        launch_options: { executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] },
        pdf_options: { format: 'A4', margin: { ...PEER_MARGIN }, printBackground: true },
      },
    );
    converted++;
  } catch (error) {
    errors.push(`${file}: ${(error as Error).message.split('\n')[0]}`);
  }
}
process.stdout.write(`${JSON.stringify({ converted, failed: errors.length, errors: errors.slice(0, 5) })}\n`);
