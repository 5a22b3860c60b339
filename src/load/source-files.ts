import { readFile } from 'node:fs/promises';
import { parseFrontMatter, type FrontMatterFile } from './front-matter.ts';
import { displayPath, type WorkspacePaths } from './workspace-paths.ts';

/** A Markdown file read from the workspace, front-matter parsed but not yet validated. */
export interface SourceDocument extends FrontMatterFile {
  /** Path relative to the workspace root, as printed in messages. */
  file: string;
  absPath: string;
  text: string;
}

/**
 * The workspace's files as one run sees them: each file is read once and each Markdown file
 * parsed once, however many stages ask. A batch build reads every issue for the numbering,
 * again for its cache key and again to render it; here those are one read, so the key is
 * made of exactly the bytes that are rendered, and an edit saved mid-build cannot fall
 * between them. A run's view only: a new run (a preview's next refresh) makes a new one.
 */
export class SourceFiles {
  readonly #bytes = new Map<string, Promise<Buffer>>();
  readonly #documents = new Map<string, Promise<SourceDocument>>();

  constructor(readonly paths: WorkspacePaths) {}

  /** The file's bytes; rejects as readFile does (a missing file) every time it is asked. */
  bytes(absPath: string): Promise<Buffer> {
    let bytes = this.#bytes.get(absPath);
    if (!bytes) {
      bytes = readFile(absPath);
      bytes.catch(() => undefined); // each caller handles the failure its own way
      this.#bytes.set(absPath, bytes);
    }
    return bytes;
  }

  /** The Markdown file with its front-matter parsed; a file that is not UTF-8 is an error in it. */
  document(absPath: string): Promise<SourceDocument> {
    let document = this.#documents.get(absPath);
    if (!document) {
      document = this.bytes(absPath).then((bytes) => this.#parse(absPath, bytes));
      document.catch(() => undefined); // likewise
      this.#documents.set(absPath, document);
    }
    return document;
  }

  #parse(absPath: string, bytes: Buffer): SourceDocument {
    const file = displayPath(this.paths.root, absPath);
    const text = decodeUtf8(bytes);
    if (text === undefined) {
      return {
        file,
        absPath,
        text: '',
        data: undefined,
        locate: () => 1,
        body: '',
        bodyLine: 1,
        hasFrontMatter: true,
        diagnostics: [
          {
            severity: 'error',
            file,
            line: 1,
            message: '文件不是 UTF-8 编码（可能是 GBK 或 GB2312），读出来会是乱码',
            hint: '用记事本或 WPS“另存为”，编码选 UTF-8 后再保存',
          },
        ],
      };
    }
    return { file, absPath, text, ...parseFrontMatter(stripBom(text), file) };
  }
}

/** The text of UTF-8 bytes, or undefined when they are not UTF-8 (an item saved as GBK). */
function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
