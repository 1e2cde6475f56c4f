import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FormDefinition } from '../../../runtime/forms.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const FORMS_DIR = path.join(ROOT, 'processes', 'forms');

/** Form keys name files processes/forms/<key>.json (read once, then cached). */
const formCache = new Map<string, Promise<FormDefinition | undefined>>();
export async function loadForm(key: string): Promise<FormDefinition | undefined> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(key)) return undefined;
  let hit = formCache.get(key);
  if (!hit) {
    hit = fs
      .readFile(path.join(FORMS_DIR, `${key}.json`), 'utf8')
      .then((t) => {
        const parsed = JSON.parse(t) as Record<string, unknown>;
        return (parsed.schema ? parsed : { schema: parsed }) as unknown as FormDefinition;
      })
      .catch(() => undefined);
    formCache.set(key, hit);
  }
  return hit;
}
