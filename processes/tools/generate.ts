/**
 * Regenerates the library from the specs: `npx tsx processes/tools/generate.ts`
 * (add `--check` to fail instead of writing when a file is out of date — used by the tests).
 * Writes processes/<key>.bpmn and rules/<key>-persyaratan.json.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allSpecs } from '../specs/index.js';
import { toBpmnXml } from './bpmn-xml.js';
import { requirementRuleSetKey, toRequirementRuleSet } from './requirements.js';
import { withLibraryTable } from './readme.js';
import { readFileSync } from 'node:fs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface GeneratedFile {
  file: string;
  content: string;
}

export function generateLibrary(): GeneratedFile[] {
  const out: GeneratedFile[] = [];
  for (const spec of allSpecs) {
    out.push({ file: path.join(ROOT, 'processes', `${spec.key}.bpmn`), content: toBpmnXml(spec) });
    const rs = toRequirementRuleSet(spec);
    if (rs) out.push({ file: path.join(ROOT, 'rules', `${requirementRuleSetKey(spec.key)}.json`), content: `${JSON.stringify(rs, null, 2)}\n` });
  }
  // The README's prose is written by hand; only its library table is generated.
  const readme = path.join(ROOT, 'processes', 'README.md');
  out.push({ file: readme, content: withLibraryTable(readFileSync(readme, 'utf8'), allSpecs) });
  return out;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const f of generateLibrary()) {
    const current = await fs.readFile(f.file, 'utf8').catch(() => undefined);
    if (current === f.content) continue;
    if (check) stale.push(path.relative(ROOT, f.file));
    else await fs.writeFile(f.file, f.content);
  }
  if (check && stale.length) {
    console.error(`out of date (run npx tsx processes/tools/generate.ts):\n  ${stale.join('\n  ')}`);
    process.exitCode = 1;
  } else if (!check) {
    console.log(`generated ${generateLibrary().length} files`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
