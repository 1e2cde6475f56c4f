/**
 * Tokens of the fee formula language. Unicode − × ÷ are accepted because the regulations
 * (and managers copying from them) write them so.
 */
export type TokenType = 'num' | 'str' | 'ident' | 'op' | '(' | ')' | '[' | ']' | ',' | '%' | 'end';

export interface Token {
  type: TokenType;
  text: string;
  /** 0-based character offset in the formula. */
  pos: number;
}

export class FormulaSyntaxError extends Error {
  readonly pos: number;
  constructor(message: string, pos: number) {
    super(message);
    this.name = 'FormulaSyntaxError';
    this.pos = pos;
  }
}

const OPS: Record<string, string> = { '+': '+', '-': '-', '−': '-', '*': '*', '×': '*', '/': '/', '÷': '/' };
const SINGLE = new Set(['(', ')', '[', ']', ',', '%']);

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c >= '0' && c <= '9') {
      const m = /^\d[\d_]*(\.\d[\d_]*)?/.exec(src.slice(i));
      const raw = m ? m[0] : c;
      if (raw.endsWith('_')) throw new FormulaSyntaxError(`number "${raw}" ends with "_"`, i);
      out.push({ type: 'num', text: raw.replace(/_/g, ''), pos: i });
      i += raw.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
      const raw = m ? m[0] : c;
      out.push({ type: 'ident', text: raw, pos: i });
      i += raw.length;
    } else if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new FormulaSyntaxError('unterminated string', i);
      out.push({ type: 'str', text: src.slice(i + 1, end), pos: i });
      i = end + 1;
    } else if (c in OPS) {
      out.push({ type: 'op', text: OPS[c], pos: i });
      i++;
    } else if (SINGLE.has(c)) {
      out.push({ type: c as TokenType, text: c, pos: i });
      i++;
    } else {
      throw new FormulaSyntaxError(`unexpected character "${c}"`, i);
    }
  }
  out.push({ type: 'end', text: '', pos: src.length });
  return out;
}
