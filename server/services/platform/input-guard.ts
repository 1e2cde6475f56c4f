/**
 * One check over every request's parsed input (body, query, path parameters) before any route
 * sees it (issue 16, finding 9). PostgreSQL refuses a NUL byte in text and a lone surrogate in
 * JSON, and a deeply nested document exhausts stacks (jsonb, ajv, our own walkers): each of
 * those used to surface as a 500 from whichever statement met it first. Here they are one 400.
 */
export const MAX_INPUT_DEPTH = 32;

export interface InputProblem {
  reason: 'nul-byte' | 'lone-surrogate' | 'too-deep';
  path: string;
}

/** The first problem in a parsed JSON value, or undefined. Iterative: a deep value cannot overflow it. */
export function inputProblem(value: unknown): InputProblem | undefined {
  const stack: Array<{ v: unknown; path: string; depth: number }> = [{ v: value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) return { reason: problem, path: path || '/' };
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (Buffer.isBuffer(v)) continue;
    if (depth >= MAX_INPUT_DEPTH) return { reason: 'too-deep', path: path || '/' };
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], path: `${path}/${i}`, depth: depth + 1 });
    } else {
      for (const [k, sub] of Object.entries(v)) {
        const keyProblem = textProblem(k);
        if (keyProblem) return { reason: keyProblem, path: `${path}/${k.replace(/\0/g, '\\0')}` };
        stack.push({ v: sub, path: `${path}/${k}`, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(s: string): InputProblem['reason'] | undefined {
  if (s.includes('\0')) return 'nul-byte';
  if (LONE_SURROGATE.test(s)) return 'lone-surrogate';
  return undefined;
}
