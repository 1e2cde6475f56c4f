/**
 * The two kinds of stored document the studio edits as drafts, in one table: how each is read,
 * saved and kept as text in the browser. A document without a draft opens from its latest
 * publication.
 */
import { api, type RuleSetDoc } from '../api/client.js';
import { errorWords } from '../i18n/error-words.js';
import type { Translate } from '../i18n/index.js';

export interface DraftKinds {
  process: string;
  ruleset: RuleSetDoc;
}
export type DraftKindName = keyof DraftKinds;

export interface KindTable<T> {
  store: 'processes' | 'rulesets';
  notFound: string;
  getDraft(key: string): Promise<{ content: T; revision: number } | undefined>;
  saveDraft(key: string, content: T, revision: number | undefined): Promise<{ revision: number }>;
  /** the document as text (the local copy, and to tell whether the local copy differs) */
  text(content: T): string;
  parse(text: string): T;
  /** the words for a refused save that is not a conflict */
  errorText(t: Translate, e: unknown): string;
}


const DRAFT_KINDS: { [K in DraftKindName]: KindTable<DraftKinds[K]> } = {
  process: {
    store: 'processes',
    notFound: 'PROCESS_NOT_FOUND',
    getDraft: (key) => api.getProcessDraft(key),
    saveDraft: (key, xml, revision) => api.saveProcessDraft(key, xml, revision),
    text: (xml) => xml,
    parse: (xml) => xml,
    errorText: errorWords,
  },
  ruleset: {
    store: 'rulesets',
    notFound: 'RULESET_NOT_FOUND',
    getDraft: (key) => api.getRuleSetDraft(key),
    saveDraft: (key, doc, revision) => api.saveRuleSetDraft(key, doc, revision),
    text: (doc) => JSON.stringify(doc),
    parse: (text) => JSON.parse(text) as RuleSetDoc,
    // the schema's complaints, one per line
    errorText: errorWords,
  },
};

export interface Opened<T> {
  content: T;
  /** the draft's revision; undefined when it opened from a publication (the first save creates the draft) */
  revision: number | undefined;
}

export function draftKind<K extends DraftKindName>(kind: K): KindTable<DraftKinds[K]> {
  return DRAFT_KINDS[kind];
}

/** The draft, else the latest publication; undefined when there is neither. */
export async function draftOrLatest<K extends DraftKindName>(kind: K, key: string): Promise<Opened<DraftKinds[K]> | undefined> {
  const table = draftKind(kind);
  const draft = await table.getDraft(key);
  if (draft) return { content: draft.content, revision: draft.revision };
  const n = Math.max(0, ...(await api.versions(table.store, key)).map((v) => v.n));
  if (!n) return undefined;
  const text = (await api.version(table.store, key, n)).content;
  return { content: table.parse(text), revision: undefined };
}
