/**
 * The pipeline's last stages for one printed PDF — post-process, preflight, write — split
 * in two: finishPdf, CPU work on bytes in memory that the batch runs on a worker thread
 * (so this module imports nothing of the stages before the browser), and writeFinished,
 * which puts the file in place on the main thread, where Ctrl-C can clean up after it.
 */
import { postprocessDocument, savePdf, type PdfMetadata } from './postprocess/postprocess-pdf.ts';
import { PreflightError } from './preflight/preflight-error.ts';
import { preflightInMemory, preflightLayoutWithPoppler, type PreflightProblem } from './preflight/preflight-pdf.ts';
import { writeFileAtomic } from './write/write-file-atomic.ts';

/** What finishing an issue's PDF needs to know of it: plain data, so it can go to a worker thread. */
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
 * work only, no file touched (the batch runs it on a worker thread).
 */
export async function finishPdf(printed: Uint8Array, finishing: Finishing): Promise<FinishedPdf> {
  const document = await postprocessDocument(printed, finishing.meta, { hasTail: finishing.hasTail });
  if (!finishing.preflight) return { bytes: await savePdf(document), problems: [], layoutChecked: true };
  const { problems, layoutChecked } = preflightInMemory(document);
  return { bytes: await savePdf(document), problems, layoutChecked };
}

/** Writes a finished PDF atomically; throws PreflightError if preflight found problems (the caller removes the file). */
export async function writeFinished(output: string, finished: FinishedPdf): Promise<void> {
  await writeFileAtomic(output, finished.bytes);
  const problems = [...finished.problems];
  if (!finished.layoutChecked) problems.push(...(await preflightLayoutWithPoppler(output)));
  if (problems.length > 0) throw new PreflightError(output, problems);
}
