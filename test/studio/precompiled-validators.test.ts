import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { standaloneValidatorSource } from '../../studio/build/ajv-standalone.js';
import { check } from '../../studio/forms/safe-validator.js';
import { fieldsToForm, formToFields, type FormField } from '../../studio/features/form-designer/form-model.js';

describe('validators that run under a strict CSP (no eval)', () => {
  it('the rule-set schema validator is generated as plain code and accepts a valid rule set, refuses a broken one', async () => {
    const src = standaloneValidatorSource('rules/schema/ruleset.schema.json');
    expect(src).not.toMatch(/new Function|\beval\(|require\(/);
    // Inside the repository (test-results/ is gitignored) so `ajv/...` imports resolve.
    const dir = join(process.cwd(), 'test-results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `ruleset-validator-${process.pid}.mjs`);
    writeFileSync(file, src);
    const mod = await import(pathToFileURL(file).href).finally(() => rmSync(file, { force: true })) as { default: ((d: unknown) => boolean) & { errors?: Array<{ instancePath: string }> } };
    const validate = mod.default;
    const good = {
      key: 'uji-biaya', title: 'Uji', kind: 'fees', legalBasis: [{ regulation: 'Perda 1/2019' }],
      facts: { type: 'object', properties: { njkb: { type: 'integer', title: 'NJKB' } } },
      versions: [{ effectiveFrom: '2025-01-05', rules: [{ name: 'PKB', conditions: { all: [] }, event: { type: 'fee', params: { code: 'PKB', label: 'PKB', formula: 'njkb × 2%', legalBasis: 'Perda 1/2019' } } }] }],
    };
    const ok = validate(good);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(validate({ ...good, versions: [{ effectiveFrom: '5 Jan 2025', rules: [] }] })).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath.startsWith('/versions/0'))).toBe(true);
  });

  it('form data is checked by interpreting the schema: required, types, enum, minimum, dates', () => {
    const form = fieldsToForm([
      { name: 'nama', label: 'Nama', type: 'text', required: true, options: [] },
      { name: 'njkb', label: 'NJKB', type: 'money', required: false, options: [] },
      { name: 'tanggal', label: 'Tanggal', type: 'date', required: false, options: [] },
      { name: 'jenis', label: 'Jenis', type: 'choice', required: false, options: ['sedan', 'bus'] },
    ]);
    expect(check(form.schema, { nama: 'Budi', njkb: 1000, tanggal: '2025-01-06', jenis: 'bus' })).toEqual([]);
    const problems = check(form.schema, { njkb: -5.5, tanggal: '6/1/2025', jenis: 'truk' }).map((p) => `${p.path.join('.')}:${p.keyword}`);
    expect(problems).toEqual(['nama:required', 'njkb:type', 'tanggal:format', 'jenis:enum']);
  });
});

describe('form designer fields ⇄ stored form', () => {
  it('every field type round-trips through the JSON Schema + UI schema stored on the task', () => {
    const fields: FormField[] = [
      { name: 'nama', label: 'Nama pemohon', type: 'text', required: true, options: [] },
      { name: 'luas', label: 'Luas (m²)', type: 'number', required: false, options: [] },
      { name: 'nilai', label: 'Nilai transaksi', type: 'money', required: true, options: [] },
      { name: 'tgl', label: 'Tanggal akta', type: 'date', required: false, options: [] },
      { name: 'jenis', label: 'Jenis perolehan', type: 'choice', required: false, options: ['jual-beli', 'waris'] },
      { name: 'lunas', label: 'Sudah lunas', type: 'yesno', required: false, options: [] },
      { name: 'ktp', label: 'Scan KTP', type: 'file', required: true, options: [] },
      { name: 'berkas', label: 'Berkas diperiksa', type: 'checklist', required: false, options: ['ktp', 'kk', 'sppt'] },
    ];
    const stored = JSON.stringify(fieldsToForm(fields));
    expect(formToFields(stored)).toEqual(fields);
    expect(JSON.parse(stored).schema.required).toEqual(['nama', 'nilai', 'ktp']);
  });

  it('a form key (not inline JSON) is left alone', () => {
    expect(formToFields('samsat-pendaftaran')).toBeUndefined();
    expect(formToFields('')).toEqual([]);
  });
});
