import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { EnvironmentError } from '../print/with-browser.ts';

const run = promisify(execFile);

/** Runs one of poppler's tools (installed by `npm start`) and returns its output. */
export async function poppler(tool: 'pdffonts' | 'pdftotext', args: string[]): Promise<string> {
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

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
}

/** The fonts of a PDF, by pdffonts. */
export async function listPdfFonts(file: string): Promise<FontRow[]> {
  const lines = (await poppler('pdffonts', [file])).split('\n').slice(2).filter(Boolean);
  return lines.map((line) => {
    const m = /^(\S+)\s+(.+?)\s{2,}\S+\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line);
    return m ? { name: m[1]!, type: m[2]!, embedded: m[3] === 'yes' } : { name: line.trim(), type: 'unknown', embedded: false };
  });
}

export interface WordBox {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
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
