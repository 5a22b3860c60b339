import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One face as fontconfig describes it. */
export interface FontFace {
  file: string;
  families: string[];
  postscriptName: string;
  /** `TrueType` or `CFF`: the outline format, which decides whether it must be converted. */
  format: string;
  /** Index of the face inside a .ttc collection. */
  index: number;
}

const FORMAT = '%{file}\\t%{family}\\t%{postscriptname}\\t%{fontformat}\\t%{index}\\n';

function parse(output: string): FontFace[] {
  return output
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [file = '', family = '', postscriptName = '', format = '', index = '0'] = line.split('\t');
      return { file, families: family.split(',').map((f) => f.trim()), postscriptName, format, index: Number(index) };
    });
}

/** The faces installed on the machine (fontconfig's view, which Chromium shares). */
export async function listSystemFonts(): Promise<FontFace[]> {
  try {
    const { stdout } = await run('fc-list', ['--format', FORMAT], { maxBuffer: 64 * 1024 * 1024 });
    return parse(stdout);
  } catch {
    return [];
  }
}

/** The faces in the given files (a workspace's `fonts/`). */
export async function scanFontFiles(files: string[]): Promise<FontFace[]> {
  if (files.length === 0) return [];
  try {
    const { stdout } = await run('fc-scan', ['--format', FORMAT, ...files], { maxBuffer: 16 * 1024 * 1024 });
    return parse(stdout);
  } catch {
    return [];
  }
}

/** The first face, in the order of `names`, whose family is one of them. */
export function findByFamily(faces: FontFace[], names: string[]): { face: FontFace; name: string } | undefined {
  for (const name of names) {
    const face = faces.find((f) => f.families.includes(name));
    if (face) return { face, name };
  }
  return undefined;
}
