import type { Transaction } from 'kysely';
import { parseModel } from '../../../runtime/model/parse.js';
import { firstOccurrence } from '../../../runtime/timer-start.js';
import type { Database } from '../../db/index.js';

export interface PublishedProcess {
  key: string;
  n: number;
  content: string;
  /** YYYY-MM-DD, Asia/Jakarta */
  effectiveFrom: string;
  publishedAt: Date;
}

/** When a publication takes effect: its effectiveFrom day begins in Asia/Jakarta, and not before it was published. */
function effectiveStart(pub: Pick<PublishedProcess, 'effectiveFrom' | 'publishedAt'>): Date {
  const dayStart = new Date(`${pub.effectiveFrom}T00:00:00+07:00`);
  return dayStart.getTime() > pub.publishedAt.getTime() ? dayStart : pub.publishedAt;
}

/**
 * Schedules the publication's timer start events, in the publishing transaction (so a publication
 * never exists without its schedule). The previous publication's rows stay: the worker deletes
 * each when it finds a newer publication in force at its due time, which also keeps an older
 * publication firing until a newer one dated in the future takes over.
 */
export async function scheduleTimerStarts(trx: Transaction<Database>, pub: PublishedProcess): Promise<void> {
  // Most models have no timer at all: skip the parse.
  if (!/timerEventDefinition/i.test(pub.content)) return;
  const { model } = await parseModel(pub.content, { processKey: pub.key });
  if (!model || model.timerStarts.length === 0) return;
  const from = effectiveStart(pub);
  const rows = [];
  for (const id of model.timerStarts) {
    const ev = model.nodes[id].event;
    if (ev.type !== 'timer') continue;
    const first = firstOccurrence(ev.timer, from);
    if (first) rows.push({ process_key: pub.key, publication: pub.n, element_id: id, due_at: first.dueAt, remaining: first.remaining });
  }
  if (rows.length > 0) await trx.insertInto('runtime_timer_starts').values(rows).execute();
}
