/** Every SOP of the library, in the order of the README table. */
import { bphtbSpecs } from './bphtb.js';
import { kaloranSpecs } from './kaloran.js';
import { pengaduanSpec } from './pengaduan.js';
import { samsatSpecs } from './samsat.js';
import { sipekaSpecs } from './sipeka.js';
import type { ProcessSpec } from './types.js';

export const allSpecs: ProcessSpec[] = [...samsatSpecs, ...bphtbSpecs, ...kaloranSpecs, ...sipekaSpecs, pengaduanSpec];

export function specByKey(key: string): ProcessSpec {
  const spec = allSpecs.find((s) => s.key === key);
  if (!spec) throw new Error(`no SOP spec ${key}`);
  return spec;
}
