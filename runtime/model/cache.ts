import { RuntimeError } from '../errors.js';
import { parseModel } from './parse.js';
import type { ProcessModel } from './types.js';

/**
 * Parsed models keyed by publication (process key + publication number). A publication is
 * immutable, so an entry never goes stale; which publication is current is always asked of
 * the store (one indexed query), so a publish on another server is seen at once.
 */
const cache = new Map<string, Promise<ProcessModel>>();
const LIMIT = 500;

export function loadModel(key: string, publication: number, xml: () => Promise<string> | string): Promise<ProcessModel> {
  const id = `${key}#${publication}`;
  let hit = cache.get(id);
  if (!hit) {
    hit = (async () => {
      const { model, errors } = await parseModel(await xml(), { processKey: key });
      if (!model || errors.length > 0) {
        throw new RuntimeError('MODEL_INVALID', `Model ${key} versi ${publication} tidak dapat dijalankan`, { errors });
      }
      return model;
    })();
    hit.catch(() => cache.delete(id));
    if (cache.size >= LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(id, hit);
  }
  return hit;
}
