/**
 * A stored document edited as a draft, free of UI: it opens the draft (or the latest
 * publication), keeps the revision it was based on for `If-Match`, keeps unsaved edits in the
 * browser (local-draft.ts) and offers them back, saves, and turns a 409 into a conflict the
 * administrator decides (load theirs, mine offered back from the local copy; or save mine over).
 *
 * The edited document lives with the screen (React state, or the modeler): `holder` reads it
 * and shows what this hook loads.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, conflictOf, type DraftConflict } from '../api/client.js';
import { draftKind, draftOrLatest, type DraftKindName, type DraftKinds } from './draft-kinds.js';
import { clearLocalDraft, localDraftKey, readLocalDraft, writeLocalDraft, type LocalDraft } from './local-draft.js';
import { useT } from '../i18n/index.js';

export interface DocumentHolder<T> {
  /** the document as edited now */
  current(): T | Promise<T>;
  /** show a loaded document (the draft, theirs, the local copy); showing is not an edit */
  show(content: T): void | Promise<void>;
}

export interface DraftOptions<T> {
  holder: DocumentHolder<T>;
  onSaved?(revision: number): void;
  /** no draft yet: the document opened from its latest publication */
  onFromPublication?(): void;
  /** the local copy was put back */
  onRestored?(): void;
}

export interface DraftDocument<T> {
  /** loaded and shown */
  ready: boolean;
  loadError?: string;
  dirty: boolean;
  /** an edit happened (marks the draft unsaved) */
  edited(): void;
  /** keep this version in the browser until it is saved */
  keepLocal(content: T): void;
  save(): Promise<boolean>;
  /** save unless there is nothing unsaved; false when the save was refused */
  saveIfDirty(): Promise<boolean>;
  error?: string;
  clearError(): void;
  conflict?: DraftConflict;
  dismissConflict(): void;
  /** save mine over the newer draft */
  overwrite(): Promise<boolean>;
  /** load the newer draft; mine stays in the browser and is offered back */
  reloadTheirs(): Promise<void>;
  /** the stored draft, to compare */
  theirs(): Promise<T | undefined>;
  /** unsaved edits found in the browser that differ from what was loaded */
  localCopy?: LocalDraft;
  restoreLocal(): Promise<void>;
  discardLocal(): void;
}

export function useDraftDocument<K extends DraftKindName>(kind: K, key: string, options: DraftOptions<DraftKinds[K]>): DraftDocument<DraftKinds[K]> {
  type T = DraftKinds[K];
  const table = draftKind(kind);
  const t = useT();
  const storageKey = localDraftKey(kind, key);
  const opts = useRef(options);
  opts.current = options;
  const revision = useRef<number | undefined>(undefined);
  const [ready, setReady] = useState(false);
  const [loadError, setLoadError] = useState<string>();
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState<DraftConflict>();
  const [localCopy, setLocalCopy] = useState<LocalDraft>();

  const keepLocal = useCallback((content: T) => writeLocalDraft(storageKey, table.text(content), revision.current), [storageKey, table]);
  /** After `content` is shown: offer the browser's copy when it differs. */
  const offerLocal = useCallback((content: T) => {
    const local = readLocalDraft(storageKey);
    if (local && local.content !== table.text(content)) setLocalCopy(local);
  }, [storageKey, table]);

  useEffect(() => {
    let alive = true;
    (async () => {
      const opened = await draftOrLatest(kind, key);
      if (!opened) throw new ApiError(404, table.notFound, key);
      revision.current = opened.revision;
      if (opened.revision === undefined) opts.current.onFromPublication?.();
      if (!alive) return;
      await opts.current.holder.show(opened.content);
      setDirty(false);
      offerLocal(opened.content);
      setReady(true);
    })().catch((e: Error) => alive && setLoadError(e.message));
    return () => {
      alive = false;
    };
  }, [kind, key, table, offerLocal]);

  async function save(over?: number): Promise<boolean> {
    setError(undefined);
    const content = await opts.current.holder.current();
    try {
      const answer = await table.saveDraft(key, content, over ?? revision.current);
      revision.current = answer.revision;
      clearLocalDraft(storageKey);
      setDirty(false);
      setConflict(undefined);
      opts.current.onSaved?.(answer.revision);
      return true;
    } catch (e) {
      const c = conflictOf(e);
      if (c) {
        keepLocal(content);
        setConflict(c);
      } else setError(table.errorText(t, e));
      return false;
    }
  }

  return {
    ready,
    loadError,
    dirty,
    edited: () => setDirty(true),
    keepLocal,
    save: () => save(),
    saveIfDirty: async () => !dirty || (await save()),
    error,
    clearError: () => setError(undefined),
    conflict,
    dismissConflict: () => setConflict(undefined),
    overwrite: () => save(conflict?.revision),
    reloadTheirs: async () => {
      // mine was kept in the browser when the save was refused
      const draft = await table.getDraft(key);
      if (!draft) return;
      revision.current = draft.revision;
      await opts.current.holder.show(draft.content);
      setDirty(false);
      setConflict(undefined);
      offerLocal(draft.content);
    },
    theirs: async () => (await table.getDraft(key))?.content,
    localCopy,
    restoreLocal: async () => {
      if (!localCopy) return;
      await opts.current.holder.show(table.parse(localCopy.content));
      setDirty(true);
      setLocalCopy(undefined);
      opts.current.onRestored?.();
    },
    discardLocal: () => {
      clearLocalDraft(storageKey);
      setLocalCopy(undefined);
    },
  };
}
