import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requirementDocuments } from '../../studio/modeler/requirement-documents.js';

const ruleSet = (key: string) => JSON.parse(readFileSync(new URL(`../../rules/${key}.json`, import.meta.url), 'utf8'));

describe('the documents a step picks from its requirement set', () => {
  it('are the requirement set\'s documents by name, in its order, once each (conditional ones too)', () => {
    const doc = ruleSet('samsat-02-pengesahan-tahunan-persyaratan');
    const docs = requirementDocuments(doc);
    const rules = (doc.versions.at(-1).rules as Array<{ event: { type: string; params: { code: string; label: string } } }>).filter((r) => r.event.type === 'document');
    expect(docs.map((d) => d.value)).toEqual([...new Set(rules.map((r) => r.event.params.code))]);
    expect(docs.every((d) => d.label !== d.value && d.label.length > 3)).toBe(true);
  });

  it('come from the latest period of the set', () => {
    const docs = requirementDocuments({
      versions: [
        { effectiveFrom: '2027-01-01', rules: [{ event: { type: 'document', params: { code: 'ktp', label: 'KTP elektronik' } } }] },
        { effectiveFrom: '2020-01-01', rules: [{ event: { type: 'document', params: { code: 'ktp', label: 'KTP' } } }, { event: { type: 'document', params: { code: 'kk', label: 'KK' } } }] },
      ],
    });
    expect(docs).toEqual([{ value: 'ktp', label: 'KTP elektronik' }]);
  });
});
