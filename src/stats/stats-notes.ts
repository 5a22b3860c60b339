import type { AdoptionStats } from './collect-adoptions.ts';
import { pointsText } from './stats-table.ts';

/**
 * The notes under the tables, in the words of a notice: how points are earned and what the
 * rate and the totals mean. The terminal table and the printed notice both show them, so a
 * reader of either can check a figure by hand.
 */
export function statsNotes(stats: Pick<AdoptionStats, 'publications' | 'instructionPoints'>): string[] {
  const perPublication = stats.publications.map((p) => `《${p.name}》每采用一条计${pointsText(p.points)}分`).join('，');
  const instructions = stats.instructionPoints > 0 ? `；采用信息获领导批示的，每条批示加${pointsText(stats.instructionPoints)}分` : '';
  return [
    `计分办法：${perPublication}；同一条信息被多种刊物采用的，分别计分${instructions}。`,
    '采用率＝本期采用条数÷本期报送条数；本期采用的此前报送的信息也计入采用，因此采用率可能超过100%；“—”表示本期未报送。',
    '多人合写的信息，每位信息员均全额计入；合计行每条信息只计一次。',
  ];
}
