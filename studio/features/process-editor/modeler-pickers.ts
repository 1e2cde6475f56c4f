/** What the modeler's pickers and lint rules know from the server: roles, rule sets, processes, a requirement set's documents. */
import { useEffect } from 'react';
import { api } from '../../api/client.js';
import { draftOrLatest } from '../../drafts/draft-kinds.js';
import type { Modeler } from '../../modeler/create-modeler.js';
import { bpmnlintOptions } from '../../modeler/lint/config.js';
import { requirementDocuments } from '../../modeler/requirement-documents.js';

/** The documents of a requirement set for the step's picker: its draft, else its latest publication. */
export async function requirementSetDocuments(ruleSetKey: string) {
  const opened = await draftOrLatest('ruleset', ruleSetKey);
  return opened ? requirementDocuments(opened.content) : [];
}

/** Pickers: roles, rule sets and processes (but this one) from the server; the lint rules check against them too. */
export function useModelerPickers(modeler: Modeler | undefined, processKey: string): void {
  useEffect(() => {
    if (!modeler) return;
    let alive = true;
    Promise.all([api.roles(), api.list('rulesets'), api.list('processes')]).then(([roles, ruleSets, processes]) => {
      if (!alive) return;
      modeler.get('sopContext').update({
        roles: roles.map((r) => ({ value: r.key, label: `${r.name} (${r.key})` })),
        ruleSets: ruleSets.map((r) => ({ value: r.key, label: `${r.name} (${r.key})` })),
        processes: processes.filter((p) => p.key !== processKey).map((p) => ({ value: p.key, label: `${p.name} (${p.key})` })),
      });
      modeler.get('linting').setLinterConfig(bpmnlintOptions({ roles: roles.map((r) => r.key), ruleSets: ruleSets.map((r) => r.key) }));
    }, () => undefined);
    return () => {
      alive = false;
    };
  }, [modeler, processKey]);
}
