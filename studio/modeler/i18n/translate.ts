/**
 * The modeler's translation: bpmn-js / diagram-js call `translate(template, replacements)` with
 * an English template; we answer from a dictionary keyed by that English text (the customTranslate
 * pattern of bpmn-js). English is the source, so `en` only fills the replacements.
 *
 * Lookup: the exact text, then the same text ignoring case ("Start Event" in the panel header,
 * "Start event" in the replace menu), then dictionary keys with `{name}` placeholders matched
 * against texts built by concatenation (a lint message naming a lane, "Align elements left").
 * Pure: no DOM, so the lint rules' publish validator on the server uses it too.
 */
import { modelerId } from './id.js';

export type ModelerLanguage = 'id' | 'en';
export type Replacements = Record<string, string | number | undefined>;

interface Template {
  pattern: RegExp;
  names: string[];
  target: string;
}

const PLACEHOLDER = /\{(\w+)\}/g;

function compile(dict: Record<string, string>) {
  const lower = new Map<string, string>();
  const templates: Template[] = [];
  for (const [key, value] of Object.entries(dict)) {
    lower.set(key.toLowerCase(), value);
    const names = [...key.matchAll(PLACEHOLDER)].map((m) => m[1]!);
    if (!names.length) continue;
    const source = key.split(PLACEHOLDER).map((part, i) => (i % 2 ? '(.+?)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
    templates.push({ pattern: new RegExp(`^${source}$`, 's'), names, target: value });
  }
  // the most specific template (longest literal text) wins
  templates.sort((a, b) => b.pattern.source.length - a.pattern.source.length);
  return { lower, templates };
}

function fill(text: string, replacements?: Replacements): string {
  if (!replacements) return text;
  return text.replace(PLACEHOLDER, (whole, name: string) => (replacements[name] === undefined ? whole : String(replacements[name])));
}

export interface Translator {
  (template: string, replacements?: Replacements): string;
  /** the dictionary's text for `source`, or undefined when it has none */
  lookup(source: string): string | undefined;
  /** whether the dictionary has an entry of its own for `source` (not only a template it fits) */
  has(source: string): boolean;
}

function createTranslator(dict: Record<string, string>): Translator {
  const { lower, templates } = compile(dict);
  const direct = (s: string): string | undefined => (Object.hasOwn(dict, s) ? dict[s] : lower.get(s.toLowerCase()));
  function lookup(source: string): string | undefined {
    const hit = direct(source);
    if (hit !== undefined) return hit;
    for (const t of templates) {
      const m = t.pattern.exec(source);
      if (!m) continue;
      const values: Replacements = {};
      // a captured word the dictionary knows is translated too ("Process" in "Process is missing end event")
      t.names.forEach((name, i) => (values[name] = direct(m[i + 1]!) ?? m[i + 1]));
      return fill(t.target, values);
    }
    return undefined;
  }
  const translate = ((template: string, replacements?: Replacements) => fill(lookup(template) ?? template, replacements)) as Translator;
  translate.lookup = lookup;
  translate.has = (source: string) => direct(source) !== undefined;
  return translate;
}

const english = Object.assign((template: string, replacements?: Replacements) => fill(template, replacements), {
  lookup: (source: string) => source,
  has: () => true,
}) as Translator;

const translators: Record<ModelerLanguage, Translator> = { id: createTranslator(modelerId), en: english };

/** Translate one modeler string (bpmn-js, diagram-js, the properties panel, lint, token simulation). */
export function modelerTranslate(lang: ModelerLanguage, template: string, replacements?: Replacements): string {
  return translators[lang](template, replacements);
}

export function modelerTranslator(lang: ModelerLanguage): Translator {
  return translators[lang];
}
