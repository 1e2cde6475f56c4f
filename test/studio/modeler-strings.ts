/**
 * Lists, mechanically from node_modules, every English string the studio's modeler can put on
 * screen: what bpmn-js, diagram-js, bpmn-js-properties-panel (its BPMN provider),
 * @bpmn-io/properties-panel and bpmn-js-bpmnlint pass through `translate(…)`, the replace-menu
 * labels bpmn-js translates by reference, the panel header's element-type labels, bpmnlint's
 * rule messages and bpmn-js-token-simulation's texts (which do not go through translate; the
 * studio translates them in the DOM). Dynamic parts become `{name}` placeholders, and a
 * conditional inside a string yields every variant.
 *
 * Used by test/studio/modeler-i18n.test.ts (the Indonesian dictionary covers all of them) and
 * the studio e2e (no English string of this list on screen in Indonesian mode).
 * `npx tsx test/studio/modeler-strings.ts` prints the list.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(import.meta.dirname, '..', '..', 'node_modules');

export interface SourceString {
  text: string;
  /** package-relative file it was found in */
  from: string;
}

function jsFiles(dir: string): string[] {
  // .d.ts, .ts sources shipped beside the .js are the same strings
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...jsFiles(p));
    else if (name.endsWith('.js')) out.push(p);
  }
  return out;
}

function parse(file: string, text = readFileSync(file, 'utf8')): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
}

function placeholderName(e: ts.Expression): string {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isCallExpression(e)) return placeholderName(e.expression);
  if (ts.isParenthesizedExpression(e)) return placeholderName(e.expression);
  return 'value';
}

/** Every string an expression can evaluate to; non-literal parts become `{name}` (or '' for markup calls in HTML). */
function variants(e: ts.Expression, html = false): string[] {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isParenthesizedExpression(e)) return variants(e.expression, html);
  if (ts.isConditionalExpression(e)) return [...variants(e.whenTrue, html), ...variants(e.whenFalse, html)];
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.BarBarToken) return [...variants(e.left, html), ...variants(e.right, html)];
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return product([variants(e.left, html), variants(e.right, html)]);
  if (ts.isTemplateExpression(e)) {
    const parts: string[][] = [[e.head.text]];
    for (const span of e.templateSpans) parts.push(variants(span.expression, html), [span.literal.text]);
    return product(parts);
  }
  // icons and nested markup inside HTML templates are not text
  if (html && (ts.isCallExpression(e) || ts.isTaggedTemplateExpression(e))) return [''];
  return [`{${placeholderName(e)}}`];
}

function product(parts: string[][]): string[] {
  return parts.reduce<string[]>((acc, alts) => acc.flatMap((a) => alts.map((b) => a + b)), ['']);
}

function isTranslateCall(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node) || !node.arguments.length) return false;
  const callee = node.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return name === 'translate' || name === '_translate';
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  ts.forEachChild(node, (c) => walk(c, visit));
}

/** Literal first arguments of translate(…) calls (SVG transforms like translate(gfx, x, y) are skipped). */
function translateLiterals(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  walk(sf, (n) => {
    if (!isTranslateCall(n)) return;
    const arg = n.arguments[0];
    const vs = variants(arg);
    // translate(label) / translate(template.name): a reference, listed where it is defined
    if (vs.every((v) => /^\{\w+\}$/.test(v))) return;
    out.push(...vs);
  });
  return out;
}

/** `label: '…'` values (and `var label = '…'; label += '…'`) in option catalogues translated by reference. */
function labelLiterals(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  walk(sf, (n) => {
    if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'label' && !ts.isFunctionExpression(n.initializer)) {
      out.push(...variants(n.initializer));
    }
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === 'label' && n.initializer && ts.isStringLiteral(n.initializer)) {
      const base = n.initializer.text;
      out.push(base);
      // label += '…' further down in the same function
      const fn = n.parent.parent.parent;
      walk(fn, (m) => {
        if (ts.isBinaryExpression(m) && m.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken && ts.isIdentifier(m.left) && m.left.text === 'label' && ts.isStringLiteral(m.right)) out.push(base + m.right.text);
      });
    }
  });
  return out;
}

/** Messages of bpmnlint rules: reporter.report(id, message). */
function reportMessages(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  // `type` in "… is missing end event" is one of the literal values assigned to it in the rule
  const typeValues: string[] = [];
  walk(sf, (n) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === 'type' && n.initializer) typeValues.push(...variants(n.initializer));
  });
  walk(sf, (n) => {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || n.expression.name.text !== 'report' || n.arguments.length < 2) return;
    for (const v of variants(n.arguments[1])) {
      if (v.includes('{type}') && typeValues.length && typeValues.every((t) => !/^\{\w+\}$/.test(t))) out.push(...typeValues.map((t) => v.replace('{type}', t)));
      else out.push(v);
    }
  });
  return out;
}

/** Our lint rules' templates: message('…', values) in studio/modeler/lint/rules. */
function ourMessages(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  walk(sf, (n) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'message' && n.arguments.length) out.push(...variants(n.arguments[0]!));
  });
  return out;
}

/** Texts of HTML templates (text nodes, title and aria-label) and `text:` notifications. */
function htmlTexts(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  const fromMarkup = (markup: string) => {
    for (const m of markup.matchAll(/\s(?:title|aria-label)="([^"]*)"/g)) out.push(m[1]!);
    for (const m of markup.matchAll(/>([^<>]*)</g)) out.push(m[1]!);
  };
  walk(sf, (n) => {
    if (ts.isTemplateExpression(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
      const text = ts.isNoSubstitutionTemplateLiteral(n) ? n.text : n.head.text + n.templateSpans.map((s) => '\u0000' + s.literal.text).join('');
      if (!/<[a-z]/.test(text)) return;
      for (const v of variants(n, true)) fromMarkup(v);
    }
    if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'text') out.push(...variants(n.initializer));
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === 'text' && n.initializer && ts.isTemplateExpression(n.initializer)) out.push(...variants(n.initializer));
  });
  return out;
}

/** The properties panel header's type label: translate(concreteType spaced), over iconsByType's keys. */
function panelTypeLabels(bundle: string): string[] {
  const start = bundle.search(/(?:var|const|let) iconsByType = \{/);
  if (start < 0) throw new Error('bpmn-js-properties-panel: iconsByType not found (package changed: update the extractor)');
  const body = bundle.slice(start, bundle.indexOf('};', start));
  const keys = [...body.matchAll(/^\s*'?(\w+)'?\s*:/gm)].map((m) => m[1]!);
  return keys.map((k) => k.replace(/(\B[A-Z])/g, ' $1').replace(/(\bNon Interrupting)/g, '($1)'));
}

function clean(list: SourceString[]): SourceString[] {
  const seen = new Set<string>();
  const out: SourceString[] = [];
  for (const s of list) {
    const text = s.text.replace(/\s+/g, ' ').trim();
    // nothing to translate: empty, only placeholders/punctuation, or the JSDoc example of diagram-js
    if (!/[A-Za-z]{2}/.test(text.replace(/\{\w+\}/g, '')) || text === 'HELLO {you}') continue;
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ text, from: s.from });
  }
  return out;
}

let cached: SourceString[] | undefined;

/** Every English source string of the modeler's packages, once each. */
export function modelerSourceStrings(): SourceString[] {
  if (cached) return cached;
  const list: SourceString[] = [];
  const add = (texts: string[], file: string) => list.push(...texts.map((text) => ({ text, from: relative(ROOT, file) })));

  for (const pkg of ['bpmn-js/lib', 'diagram-js/lib']) {
    for (const file of jsFiles(join(ROOT, pkg))) {
      const sf = parse(file);
      add(translateLiterals(sf), file);
      if (/popup-menu[/\\]PopupEntries\.js$|replace[/\\]ReplaceOptions\.js$/.test(file)) add(labelLiterals(sf), file);
    }
  }

  // bpmn-js-properties-panel bundles three providers; the studio uses the BPMN one, which ends
  // where its module is declared (the Zeebe and Camunda ones follow).
  const ppFile = join(ROOT, 'bpmn-js-properties-panel/dist/index.esm.js');
  const pp = readFileSync(ppFile, 'utf8');
  const end = pp.indexOf("bpmnPropertiesProvider: ['type', BpmnPropertiesProvider]");
  if (end < 0) throw new Error('bpmn-js-properties-panel: BPMN provider module not found (package changed: update the extractor)');
  add(translateLiterals(parse(ppFile, pp.slice(0, end))), ppFile);
  add(panelTypeLabels(pp), ppFile);

  for (const file of ['@bpmn-io/properties-panel/dist/index.esm.js', 'bpmn-js-bpmnlint/dist/index.esm.js']) add(translateLiterals(parse(join(ROOT, file))), join(ROOT, file));

  for (const file of jsFiles(join(ROOT, 'bpmnlint/rules'))) add(reportMessages(parse(file)), file);

  for (const file of jsFiles(join(ROOT, 'bpmn-js-token-simulation/lib'))) add(htmlTexts(parse(file)), file);

  // ours: the lint rules' messages (the properties panel's SOP group goes through studio/i18n)
  const rules = join(ROOT, '..', 'studio', 'modeler', 'lint', 'rules');
  for (const name of readdirSync(rules).filter((n) => n.endsWith('.ts'))) add(ourMessages(parse(join(rules, name))), join(rules, name));

  cached = clean(list);
  return cached;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  for (const s of modelerSourceStrings()) console.log(`${s.text}\t${s.from}`);
}
