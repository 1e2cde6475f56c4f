/**
 * The rule set's checks as edited, saved or not, free of UI: its test cases run on the server,
 * and "try it": one case's facts on one date evaluated against the draft.
 */
import { useState } from 'react';
import { api, type DraftEvaluation, type RuleSetDoc, type TestAnswer } from '../../api/client.js';
import { todayJakarta } from '../publish/PublishDialog.js';
import { errorWords } from '../../i18n/error-words.js';
import { useT } from '../../i18n/index.js';

export function useRuleSetChecks(key: string, doc: RuleSetDoc | undefined, onError: (text: string) => void) {
  const t = useT();
  const [tests, setTests] = useState<TestAnswer>();
  const [tryFacts, setTryFacts] = useState<Record<string, unknown>>({});
  const [tryAt, setTryAt] = useState(todayJakarta());
  const [tryResult, setTryResult] = useState<DraftEvaluation>();
  return {
    tests,
    async runTests() {
      setTests(undefined);
      try {
        // The document as edited, saved or not: testing never needs a save first.
        setTests(await api.testRuleSet(key, doc));
      } catch (e) {
        onError(errorWords(t, e));
      }
    },
    tryFacts,
    setTryFacts,
    tryAt,
    setTryAt,
    tryResult,
    async evaluate() {
      setTryResult(undefined);
      try {
        setTryResult(await api.evaluateDraft(key, doc!, tryFacts, tryAt));
      } catch (e) {
        onError(errorWords(t, e));
      }
    },
  };
}

export type RuleSetChecks = ReturnType<typeof useRuleSetChecks>;
