import { describe, expect, it } from 'vitest';
import { DEFAULT_NUMBER_MAXIMUM, patternRefusal, re2RegExp, re2Test, schemaProblems, withNumberBounds } from '../../core/safe-schema.js';
import { loadRuleSet, shippedRuleSetKeys } from '../rules/helpers.js';

describe('the JSON-Schema subset of fact and form schemas', () => {
  it('every shipped rule set uses only allowed keywords', () => {
    for (const key of shippedRuleSetKeys()) expect(schemaProblems(loadRuleSet(key).facts, '/facts'), key).toEqual([]);
  });

  it('the keywords the domain needs are allowed, anywhere in the schema', () => {
    const schema = {
      type: 'object',
      required: ['tanggal'],
      properties: {
        tanggal: { type: 'string', format: 'date', title: 'Tanggal', description: 'x', default: '2026-01-01' },
        luas: { type: 'number', minimum: 0, maximum: 1e6, exclusiveMinimum: 0 },
        opd: { type: 'array', maxItems: 13, minItems: 1, uniqueItems: true, items: { type: 'string', enum: ['a', 'b'] } },
        kode: { type: 'string', pattern: '^[A-Z]{2}$', minLength: 2, maxLength: 2 },
        sandi: { type: 'string', writeOnly: true },
        nomor: { type: 'string', readOnly: true, const: 'x' },
      },
      if: { properties: { luas: { minimum: 100 } } },
      then: { required: ['kode'] },
      else: { not: { required: ['kode'] } },
      allOf: [{ anyOf: [{ required: ['luas'] }] }, { oneOf: [{ required: ['opd'] }] }],
      additionalProperties: false,
    };
    expect(schemaProblems(schema)).toEqual([]);
  });

  it('other keywords and patterns RE2 cannot run are refused, with where they are', () => {
    expect(schemaProblems({ type: 'object', properties: { a: { type: 'string', $ref: 'http://elsewhere/schema' } } })).toEqual([
      expect.objectContaining({ code: 'SCHEMA_KEYWORD', path: '/properties/a/$ref' }),
    ]);
    expect(schemaProblems({ type: 'object', patternProperties: { '^x': {} } })).toEqual([expect.objectContaining({ code: 'SCHEMA_KEYWORD', path: '/patternProperties' })]);
    expect(schemaProblems({ type: 'object', then: { properties: { a: { pattern: '(a)\\1' } } } })).toEqual([
      expect.objectContaining({ code: 'PATTERN_REFUSED', path: '/then/properties/a/pattern' }),
    ]);
    expect(patternRefusal('(?=a)b')).toBeDefined();
    expect(patternRefusal('^(a+)+$')).toBeUndefined();
  });

  it('patterns run on the linear-time engine: the classic ReDoS pattern answers on a long input', () => {
    const evil = re2RegExp('^(a+)+$', 'u');
    // JavaScript's backtracking RegExp would not come back from this input in any useful time
    expect(evil.test(`${'a'.repeat(50_000)}!`)).toBe(false);
    expect(evil.test('aaaa')).toBe(true);
    // JSON Schema patterns are searches, not whole-string matches
    expect(re2Test('[0-9]{3}', 'no 123')).toBe(true);
    // ajv keys compiled patterns by their text, so two patterns must not collide
    expect(String(re2RegExp('a', 'u'))).not.toBe(String(re2RegExp('b', 'u')));
  });

  it('numbers get a finite range where none is declared; a declared one is kept', () => {
    const bounded = withNumberBounds({
      type: 'object',
      properties: { a: { type: 'integer' }, b: { type: 'number', minimum: -5, maximum: 5 }, c: { type: 'array', items: { type: 'number' } } },
    });
    expect(bounded.properties.a).toEqual({ type: 'integer', minimum: 0, maximum: DEFAULT_NUMBER_MAXIMUM });
    expect(bounded.properties.b).toEqual({ type: 'number', minimum: -5, maximum: 5 });
    expect(bounded.properties.c.items).toEqual({ type: 'number', minimum: 0, maximum: DEFAULT_NUMBER_MAXIMUM });
  });
});
