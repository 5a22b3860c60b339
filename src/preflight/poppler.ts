import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { EnvironmentError } from '../print/with-browser.ts';

const run = promisify(execFile);

/** Runs one of poppler's tools (installed by `npm start`) and returns its output. */
export async function poppler(tool: 'pdftotext', args: string[]): Promise<string> {
  try {
    const { stdout } = await run(tool, args, { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new EnvironmentError(`找不到 ${tool}（poppler-utils），请先运行 npm start 完成安装`);
    }
    throw error;
  }
}

export interface WordBox {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
  /** Its first glyph's scale, when read in-process (glyph-boxes.ts); poppler does not tell it. */
  scale?: number;
}

/** Every word with its box, in pt from the top-left of its page, by `pdftotext -bbox`. */
export async function listPdfWords(file: string): Promise<WordBox[]> {
  const out = await poppler('pdftotext', ['-bbox', file, '-']);
  const words: WordBox[] = [];
  let page = 0;
  for (const line of out.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) words.push({ page, xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text: m[5]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>') });
  }
  return words;
}
