/**
 * The modeler's Indonesian dictionary against what the installed packages can put on screen
 * (extracted from node_modules by modeler-strings.ts): a package upgrade that adds an English
 * string fails here until it is translated.
 */
import { describe, expect, it } from 'vitest';
import { modelerId } from '../../studio/modeler/i18n/id.js';
import { modelerTranslate, modelerTranslator } from '../../studio/modeler/i18n/translate.js';
import { lintXml } from '../../studio/modeler/lint/node.js';
import { createLintValidator } from '../../studio/modeler/lint/publish-validator.js';
import { samsatLikeXml, withDecision } from './fixtures.js';
import { modelerSourceStrings } from './modeler-strings.js';

const id = modelerTranslator('id');
const sources = modelerSourceStrings();

describe('the modeler in Bahasa Indonesia', () => {
  it('the extractor finds the strings of every package the modeler uses', () => {
    const count = (pkg: string) => sources.filter((s) => s.from.startsWith(pkg)).length;
    expect(count('bpmn-js/')).toBeGreaterThan(100);
    expect(count('diagram-js/')).toBeGreaterThanOrEqual(1);
    expect(count('bpmn-js-properties-panel/')).toBeGreaterThan(100);
    expect(count('@bpmn-io/properties-panel/')).toBeGreaterThan(10);
    expect(count('bpmn-js-bpmnlint/')).toBeGreaterThanOrEqual(4);
    expect(count('bpmnlint/')).toBeGreaterThan(25);
    expect(count('bpmn-js-token-simulation/')).toBeGreaterThan(20);
    expect(count('../studio/modeler/lint/rules/')).toBeGreaterThan(15);
    const texts = sources.map((s) => s.text);
    for (const known of ['Create start event', 'Change element', 'User task', 'Search in diagram', 'General', 'Toggle section', 'No Issues', 'Element is not connected', 'Process is missing start event', 'Token Simulation', 'Set animation speed = {label}', 'Lane "{lane}" has no role (sop:role)']) {
      expect(texts).toContain(known);
    }
  });

  it('every one of them has an Indonesian entry of its own', () => {
    const missing = sources.filter((s) => !id.has(s.text)).map((s) => `${s.text}  (${s.from})`);
    expect(missing).toEqual([]);
  });

  it('entries are Indonesian and keep their placeholders', () => {
    const sameAsEnglish = Object.entries(modelerId).filter(([en, text]) => en.toLowerCase() === text.toLowerCase()).map(([en]) => en);
    // names that are the same in both languages
    expect(sameAsEnglish.sort()).toEqual(['ID', 'Normal'].sort());
    for (const [en, text] of Object.entries(modelerId)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(text), en).toEqual(names(en));
    }
  });

  it('translates with replacements, ignoring case, and texts built at run time', () => {
    expect(modelerTranslate('id', 'Open {element}', { element: 'Loket' })).toBe('Buka Loket');
    expect(modelerTranslate('id', '{errors} Errors, {warnings} Warnings', { errors: '2', warnings: '1' })).toBe('2 kesalahan, 1 peringatan');
    expect(modelerTranslate('id', 'Start Event')).toBe('Peristiwa awal');
    expect(modelerTranslate('id', 'Timer Boundary Event (Non Interrupting)')).toBe('Peristiwa batas pengatur waktu (tidak menyela)');
    expect(modelerTranslate('id', 'Align elements left')).toBe('Ratakan elemen ke kiri');
    expect(modelerTranslate('id', 'Lane "Kasir" has no role (sop:role)')).toBe('Lajur "Kasir" belum memiliki peran (sop:role)');
    expect(modelerTranslate('id', 'Terima berkas finished')).toBe('Terima berkas selesai');
    expect(modelerTranslate('id', 'SOP step (user task)')).toBe('Langkah SOP (tugas pengguna)');
    // English is the source: only the replacements are filled
    expect(modelerTranslate('en', 'Open {element}', { element: 'Loket' })).toBe('Open Loket');
    expect(modelerTranslate('en', 'Lane "Kasir" has no role (sop:role)')).toBe('Lane "Kasir" has no role (sop:role)');
    // what the dictionary does not know passes through unchanged (a user's own name)
    expect(modelerTranslate('id', 'Verifikasi berkas')).toBe('Verifikasi berkas');
  });

  it('every message the lint rules give on a faulty model reads in Indonesian, and the publish check answers in Indonesian', async () => {
    const faulty = withDecision(samsatLikeXml(), {})
      .replace('sop:role="korektor"', '')
      .replace(' sop:duration="PT3M"', ' sop:duration="3 menit"')
      .replace(/<bpmn:endEvent [\s\S]*?<\/bpmn:endEvent>/, '');
    const issues = await lintXml(faulty, { roles: ['petugas-pendaftaran'] });
    expect(issues.length).toBeGreaterThan(3);
    for (const issue of issues) {
      const text = id.lookup(issue.message);
      expect(text, issue.message).toBeDefined();
      expect(text).not.toBe(issue.message);
    }
    const validator = createLintValidator(async () => ({}));
    const { errors } = await validator.validate(faulty, { phase: 'publish', key: 'x', db: {} });
    expect(errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/^Waktu SOP "3 menit" bukan durasi ISO 8601 .*\(sop\/user-task-sla\)$/));
    // no English source text left in the API's answer
    for (const e of errors) expect(id.lookup(e.message.replace(/ \([\w/-]+\)$/, '')), e.message).toBeUndefined();
  });
});
