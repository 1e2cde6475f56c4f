/** Leaf-level differences between two JSON documents, as path → old/new text (rule-set compare). */
export interface JsonChange { path: string; old: string; new: string }

function leaves(v: unknown, path: string, out: Map<string, string>): void {
  if (v && typeof v === 'object') {
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    if (!entries.length) out.set(path, JSON.stringify(v));
    for (const [k, x] of entries) leaves(x, path ? `${path}.${k}` : k, out);
  } else out.set(path, JSON.stringify(v));
}

export function jsonChanges(a: unknown, b: unknown): JsonChange[] {
  const la = new Map<string, string>();
  const lb = new Map<string, string>();
  leaves(a, '', la);
  leaves(b, '', lb);
  const paths = [...new Set([...la.keys(), ...lb.keys()])].sort();
  return paths.filter((p) => la.get(p) !== lb.get(p)).map((p) => ({ path: p, old: la.get(p) ?? '—', new: lb.get(p) ?? '—' }));
}
