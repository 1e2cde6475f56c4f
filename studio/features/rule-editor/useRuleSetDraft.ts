/**
 * The rule set being edited, free of UI: the document, its raw JSON text (which may be invalid
 * while typed), and the draft behind it (useDraftDocument: load, revision, local copy, conflict).
 */
import { useRef, useState } from 'react';
import type { RuleSetDoc } from '../../api/client.js';
import { useDraftDocument, type DraftOptions } from '../../drafts/useDraftDocument.js';

export function useRuleSetDraft(key: string, events: Omit<DraftOptions<RuleSetDoc>, 'holder'>) {
  const [doc, setDoc] = useState<RuleSetDoc>();
  const [raw, setRaw] = useState('');
  const [rawError, setRawError] = useState<string>();
  const current = useRef(doc);
  current.current = doc;

  /** Show a document: the form and the raw JSON follow it. */
  const show = (next: RuleSetDoc) => {
    setDoc(next);
    current.current = next;
    setRaw(JSON.stringify(next, null, 2));
    setRawError(undefined);
  };
  const draft = useDraftDocument('ruleset', key, { ...events, holder: { current: () => current.current!, show } });

  return {
    doc,
    raw,
    rawError,
    draft,
    /** Every edit goes through here: marks dirty, keeps raw JSON and the local copy in step. */
    change(next: RuleSetDoc) {
      show(next);
      draft.edited();
      draft.keepLocal(next);
    },
    /** The raw JSON as typed: the document follows when it parses. */
    editRaw(text: string) {
      setRaw(text);
      try {
        const parsed = JSON.parse(text) as RuleSetDoc;
        setRawError(undefined);
        setDoc(parsed);
        current.current = parsed;
        draft.edited();
        draft.keepLocal(parsed);
      } catch (err) {
        setRawError((err as Error).message);
      }
    },
  };
}
