/**
 * The pipeline's last stages for one printed PDF — post-process, preflight, write — in two
 * steps: finishPdf, CPU work on the bytes in memory (the document is checked before it is
 * saved, so it is parsed once), and writeFinished, which puts the file in place atomically.
 * (Running finishPdf on a worker thread was measured: no faster, as Chromium already keeps
 * the cores busy; so it runs on the main thread, between the pages' prints.)
 */
import { postprocessDocument, type PdfMetadata } from './postprocess/postprocess-pdf.ts';
import { saveAsUpdate } from './postprocess/save-pdf.ts';
import { PreflightError } from './preflight/preflight-error.ts';
import { preflightInMemory, preflightLayoutWithPoppler, type PreflightProblem } from './preflight/preflight-pdf.ts';
import { writeFileAtomic } from './write/write-file-atomic.ts';

/** What finishing an issue's PDF needs to know of it. */
export interface Finishing {
  meta: PdfMetadata;
  hasTail: boolean;
  preflight: boolean;
}

export interface FinishedPdf {
  bytes: Uint8Array;
  problems: PreflightProblem[];
  /** False when the folio and text block are still to be checked, by poppler on the written file. */
  layoutChecked: boolean;
}

/**
 * Post-processes a printed PDF and checks the result in memory, before it is saved: CPU
 * work only, no file touched.
 */
export async function finishPdf(printed: Uint8Array, finishing: Finishing): Promise<FinishedPdf> {
  const document = await postprocessDocument(printed, finishing.meta, { hasTail: finishing.hasTail });
  const { problems, layoutChecked } = finishing.preflight ? preflightInMemory(document) : { problems: [], layoutChecked: true };
  return { bytes: await saveAsUpdate(printed, document), problems, layoutChecked };
}

/** Writes a finished PDF atomically; throws PreflightError if preflight found problems (the caller removes the file). */
export async function writeFinished(output: string, finished: FinishedPdf): Promise<void> {
  await writeFileAtomic(output, finished.bytes);
  const problems = [...finished.problems];
  if (!finished.layoutChecked) problems.push(...(await preflightLayoutWithPoppler(output)));
  if (problems.length > 0) throw new PreflightError(output, problems);
}
