/**
 * Unsaved edits kept in the browser, so a reload or a crash never loses them: one entry per
 * document, with the server revision they were based on. A conflicting save keeps the
 * administrator's version here until they decide.
 */
export interface LocalDraft {
  content: string;
  baseRevision: number | undefined;
  savedAt: string;
}

const prefix = 'sop-studio:local:';

export function localDraftKey(kind: 'process' | 'ruleset', key: string): string {
  return `${prefix}${kind}:${key}`;
}

export function readLocalDraft(storageKey: string): LocalDraft | undefined {
  try {
    const raw = localStorage.getItem(storageKey);
    return raw ? (JSON.parse(raw) as LocalDraft) : undefined;
  } catch {
    return undefined;
  }
}

export function writeLocalDraft(storageKey: string, content: string, baseRevision: number | undefined): void {
  try {
    localStorage.setItem(storageKey, JSON.stringify({ content, baseRevision, savedAt: new Date().toISOString() } satisfies LocalDraft));
  } catch {
    /* storage full or disabled: the beforeunload warning still protects the edit */
  }
}

export function clearLocalDraft(storageKey: string): void {
  localStorage.removeItem(storageKey);
}
