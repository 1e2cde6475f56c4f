import { FormulaSyntaxError, tokenize, type Token } from './tokenize.js';

/** The formula as a tree; compile.ts turns it into a closure over decimal values. */
export type FormulaNode =
  | { t: 'num'; value: string; pos: number }
  | { t: 'str'; value: string; pos: number }
  | { t: 'ref'; name: string; pos: number }
  | { t: 'index'; table: string; key: FormulaNode; pos: number }
  | { t: 'call'; fn: string; args: FormulaNode[]; pos: number }
  | { t: 'bin'; op: '+' | '-' | '*' | '/'; left: FormulaNode; right: FormulaNode; pos: number }
  | { t: 'neg'; arg: FormulaNode; pos: number }
  | { t: 'pct'; arg: FormulaNode; pos: number };

/**
 * Recursive descent over:
 *   expr    := term (('+'|'-') term)*
 *   term    := unary (('*'|'/') unary)*
 *   unary   := '-' unary | postfix
 *   postfix := primary '%'*
 *   primary := num | str | ident | ident '[' expr ']' | ident '(' args ')' | '(' expr ')'
 */
/**
 * Limits that keep a manager's formula from exhausting the stack (issue 16, finding 9: 50,000
 * brackets gave a 500): the parser, the compiler and the evaluator all recurse over the tree.
 */
const MAX_FORMULA_DEPTH = 64;
const MAX_FORMULA_TOKENS = 2000;

export function parseFormula(src: string): FormulaNode {
  const toks = tokenize(src);
  if (toks.length > MAX_FORMULA_TOKENS) throw new FormulaSyntaxError(`formula is too long (more than ${MAX_FORMULA_TOKENS} parts)`, 0);
  let i = 0;
  let depth = 0;
  const deeper = <T>(pos: number, f: () => T): T => {
    if (++depth > MAX_FORMULA_DEPTH) throw new FormulaSyntaxError(`formula is nested too deeply (more than ${MAX_FORMULA_DEPTH} levels)`, pos);
    try {
      return f();
    } finally {
      depth--;
    }
  };
  const peek = (): Token => toks[i];
  const next = (): Token => toks[i++];
  const expect = (type: Token['type'], what: string): Token => {
    const tok = next();
    if (tok.type !== type) throw new FormulaSyntaxError(`expected ${what} but found ${describe(tok)}`, tok.pos);
    return tok;
  };

  function expr(): FormulaNode {
    return deeper(peek().pos, exprAt);
  }
  function exprAt(): FormulaNode {
    let left = term();
    while (peek().type === 'op' && (peek().text === '+' || peek().text === '-')) {
      const op = next();
      left = { t: 'bin', op: op.text as '+' | '-', left, right: term(), pos: op.pos };
    }
    return left;
  }
  function term(): FormulaNode {
    let left = unary();
    while (peek().type === 'op' && (peek().text === '*' || peek().text === '/')) {
      const op = next();
      left = { t: 'bin', op: op.text as '*' | '/', left, right: unary(), pos: op.pos };
    }
    return left;
  }
  function unary(): FormulaNode {
    if (peek().type === 'op' && peek().text === '-') {
      const op = next();
      return { t: 'neg', arg: deeper(op.pos, unary), pos: op.pos };
    }
    let node = primary();
    while (peek().type === '%') node = { t: 'pct', arg: node, pos: next().pos };
    return node;
  }
  function primary(): FormulaNode {
    const tok = next();
    switch (tok.type) {
      case 'num':
        return { t: 'num', value: tok.text, pos: tok.pos };
      case 'str':
        return { t: 'str', value: tok.text, pos: tok.pos };
      case '(': {
        const inner = expr();
        expect(')', '")"');
        return inner;
      }
      case 'ident': {
        if (peek().type === '(') {
          next();
          const args: FormulaNode[] = [];
          if (peek().type !== ')') {
            args.push(expr());
            while (peek().type === ',') {
              next();
              args.push(expr());
            }
          }
          expect(')', '")" or ","');
          return { t: 'call', fn: tok.text, args, pos: tok.pos };
        }
        if (peek().type === '[') {
          next();
          const key = expr();
          expect(']', '"]"');
          return { t: 'index', table: tok.text, key, pos: tok.pos };
        }
        return { t: 'ref', name: tok.text, pos: tok.pos };
      }
      default:
        throw new FormulaSyntaxError(`expected a number, a name or "(" but found ${describe(tok)}`, tok.pos);
    }
  }

  const tree = expr();
  const rest = peek();
  if (rest.type !== 'end') throw new FormulaSyntaxError(`unexpected ${describe(rest)}`, rest.pos);
  return tree;
}

function describe(tok: Token): string {
  return tok.type === 'end' ? 'the end of the formula' : `"${tok.text}"`;
}
