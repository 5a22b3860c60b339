import path from 'node:path';
import { throwIfErrors, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { listMarkdown } from '../load/list-markdown.ts';
import { loadIssue, type SourceDocument } from '../load/load-workspace.ts';
import type { Item } from '../validate/model.ts';
import { validateItem } from '../validate/validate-workspace.ts';
import type { Workspace } from '../workspace.ts';
import type { StatsIssue } from './collect-adoptions.ts';

/** Every item and every issue's adoptions, validated: what the statistics count. */
export interface AdoptionData {
  /** Every item under items/, and any item an issue lists from elsewhere in the workspace. */
  items: Item[];
  /** Every issue, its items named by the item's workspace path (Item.file). */
  issues: StatsIssue[];
  /** Warnings met on the way (unknown fields…), to show; they do not change a count. */
  warnings: Diagnostic[];
}

/**
 * Reads and validates every item and every issue's list of items. A figure in a notice must
 * not rest on a file the tool could not read, so any error (an invalid item or issue header,
 * an issue listing a missing item) stops here with all of them, as `bulletin check` reports them.
 */
export async function loadAdoptionData(workspace: Workspace): Promise<AdoptionData> {
  const { paths } = workspace;
  const diagnostics: Diagnostic[] = [...workspace.headerDiagnostics];
  const items = new Map<string, Item>();
  const seen = new Set<string>();
  const accept = (doc: SourceDocument) => {
    if (seen.has(doc.file)) return;
    seen.add(doc.file);
    const item = validateItem(doc);
    diagnostics.push(...item.diagnostics);
    if (item.value) items.set(doc.file, item.value);
  };

  for (const file of await listMarkdown(paths.items)) accept(await workspace.sources.document(file));

  const issues: StatsIssue[] = [];
  for (const header of workspace.headers) {
    const raw = await loadIssue(workspace.sources, path.resolve(paths.root, header.file));
    diagnostics.push(...raw.diagnostics);
    const files: string[] = [];
    for (const entry of header.items) {
      const doc = raw.items.get(entry);
      if (!doc) continue; // the loader has reported it
      accept(doc); // an item kept outside items/ is still an item
      files.push(doc.file); // `./items/a.md` and `items/a.md` are one item
    }
    issues.push({ file: header.file, publication: header.publication, date: header.date, items: files });
  }

  throwIfErrors(diagnostics);
  return { items: [...items.values()], issues, warnings: diagnostics };
}
