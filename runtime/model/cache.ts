import { RuntimeError } from '../errors.js';
import { parseModel } from './parse.js';
import type { ProcessModel } from './types.js';

/**
 * Parsed models keyed by publication (process key + publication number). A publication is
 * immutable, so an entry never goes stale; which publication is current is always asked of
 * the store (one indexed query), so a publish on another server is seen at once. One cache
 * per engine, i.e. per database: publication numbers are only unique within one database.
 */
export class ModelCache {
  private readonly entries = new Map<string, Promise<ProcessModel>>();
  constructor(private readonly limit = 500) {}

  load(key: string, publication: number, xml: () => Promise<string> | string): Promise<ProcessModel> {
    const id = `${key}#${publication}`;
    let hit = this.entries.get(id);
    if (!hit) {
      hit = (async () => {
        const { model, errors } = await parseModel(await xml(), { processKey: key });
        if (!model || errors.length > 0) {
          throw new RuntimeError('MODEL_INVALID', `Model ${key} versi ${publication} tidak dapat dijalankan`, { errors });
        }
        return model;
      })();
      hit.catch(() => this.entries.delete(id));
      if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(id, hit);
    }
    return hit;
  }
}
