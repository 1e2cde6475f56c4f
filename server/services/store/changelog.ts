import type { Kysely } from 'kysely';
import { parseModel } from '../../../runtime/model/parse.js';
import type { ProcessModel } from '../../../runtime/model/types.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { approvalsByPublication, type Approval } from './approvals.js';
import { summarizeProcessChange, summarizeRuleSetChange, type ChangeItem } from './change-summary.js';
import { assertKey, listPublications, publicationStates, type DocumentKind, type PublicationMeta, type PublicationState } from './store.js';

export interface ChangelogEntry extends PublicationMeta {
  state: PublicationState;
  /** what changed from the previous publication (n − 1) */
  summary: ChangeItem[];
  /** the two-person approval it was published by (issue 19), when it needed one */
  approval?: Pick<Approval, 'id' | 'submittedBy' | 'submittedAt' | 'decidedBy' | 'decidedAt'>;
}

async function parseProcess(content: string, key: string): Promise<ProcessModel> {
  const { model, errors } = await parseModel(content, { processKey: key });
  // Published models passed the same parser at publication; a failure here is a bug, not input.
  if (!model) throw new AppError('INTERNAL', `Versi terbit ${key} tidak dapat dibaca`, { errors });
  return model;
}

/**
 * Every publication of a document, newest first, each with its legal basis, note, author,
 * state today and a summary of what changed from the one before. Generated from the stored
 * contents, so publications older than this feature have their summary too.
 */
export async function changelog(db: Kysely<Database>, kind: DocumentKind, key: string, today?: string): Promise<ChangelogEntry[]> {
  assertKey(key);
  const metas = await listPublications(db, kind, key);
  const rows = await db.selectFrom('publications').select(['n', 'content']).where('kind', '=', kind).where('key', '=', key).orderBy('n', 'asc').execute();
  const summaries = new Map<number, ChangeItem[]>();
  if (kind === 'process') {
    let prev: ProcessModel | undefined;
    for (const r of rows) {
      const model = await parseProcess(r.content, key);
      summaries.set(r.n, summarizeProcessChange(prev, model));
      prev = model;
    }
  } else {
    let prev: unknown;
    for (const r of rows) {
      const doc: unknown = JSON.parse(r.content);
      summaries.set(r.n, summarizeRuleSetChange(prev, doc));
      prev = doc;
    }
  }
  const states = publicationStates(metas, today);
  const approvals = await approvalsByPublication(db, kind, key);
  return metas.map((m) => {
    const a = approvals.get(m.n);
    return {
      ...m,
      state: states.get(m.n) ?? 'superseded',
      summary: summaries.get(m.n) ?? [],
      ...(a ? { approval: { id: a.id, submittedBy: a.submittedBy, submittedAt: a.submittedAt, decidedBy: a.decidedBy, decidedAt: a.decidedAt } } : {}),
    };
  });
}
