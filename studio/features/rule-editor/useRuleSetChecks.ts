/**
 * The rule set's checks as edited, saved or not, free of UI: its test cases run on the server,
 * and "try it": one case's facts on one date evaluated against the draft.
 */
import { useState } from 'react';
import { api, ApiError, type DraftEvaluation, type RuleSetDoc, type TestAnswer } from '../../api/client.js';
import { todayJakarta } from '../publish/PublishDialog.js';

export function useRuleSetChecks(key: string, doc: RuleSetDoc | undefined, onError: (text: string) => void) {
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
        onError(e instanceof ApiError ? `${e.code}: ${e.message}` : String(e));
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
        onError(e instanceof ApiError ? `${e.code}: ${e.message}${e.details ? ` ${JSON.stringify(e.details)}` : ''}` : String(e));
      }
    },
  };
}

export type RuleSetChecks = ReturnType<typeof useRuleSetChecks>;
