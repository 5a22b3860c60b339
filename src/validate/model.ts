/** The validated, resolved data the later stages work on. Plain values: no I/O behind them. */

/** One `报/送/发` line of the tail, in the order written. */
export interface DistributionLine {
  label: string;
  text: string;
}

export interface Publication {
  key: string;
  name: string;
  template: string;
  copies?: number;
  distribution: DistributionLine[];
  /** Where each item's reporting unit prints: under its title, or after its body. */
  unitPosition: 'title' | 'end';
  /** Points an adoption in this periodical earns the unit and authors (采用积分). */
  points: number;
}

/** A leader's written instruction on an item (领导批示). */
export interface Instruction {
  leader: string;
  date: string;
  text?: string;
}

export interface Item {
  /** Path relative to the workspace, as written in the issue. */
  file: string;
  absPath: string;
  /** The title as one line: contents, metadata, statistics. */
  title: string;
  /** The title as the editor broke it (a line break, or ｜, in `title`); one line if not. */
  titleLines: string[];
  unit: string;
  date: string;
  authors: string[];
  category?: string;
  instructions: Instruction[];
  /** The whole file text: the renderer parses it with its front-matter so lines stay true. */
  source: string;
}

export interface Issue {
  file: string;
  absPath: string;
  organization: string;
  publication: Publication;
  number: number;
  /** 总第N期: written in the issue, or continued from the previous issue; absent if unknown. */
  total?: number;
  date: string;
  editor?: string;
  approver?: string;
  classification?: string;
  items: Item[];
  distribution: DistributionLine[];
  copies?: number;
  /** The editor's note (编者按) as Markdown, possibly empty. */
  note: string;
  /** The whole issue file text, for the renderer (lines stay true). */
  source: string;
}
