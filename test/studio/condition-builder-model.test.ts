import { describe, expect, it } from 'vitest';
import { builderToCondition, conditionBody, conditionToBuilder, parseConditionBody, RowError } from '../../studio/modeler/conditions/condition-model.js';

describe('condition builder ⇄ json-rules-engine condition', () => {
  it('rows joined by "all" become the JSON the runtime evaluates, with typed values', () => {
    const json = builderToCondition({
      combinator: 'all',
      rows: [
        { fact: 'berkasLengkap', operator: 'equal', valueType: 'boolean', value: 'true' },
        { fact: 'njkb', operator: 'greaterThan', valueType: 'number', value: '150000000' },
        { fact: 'jenis', operator: 'in', valueType: 'list', value: 'sedan, minibus' },
      ],
    });
    expect(json).toEqual({ all: [
      { fact: 'berkasLengkap', operator: 'equal', value: true },
      { fact: 'njkb', operator: 'greaterThan', value: 150000000 },
      { fact: 'jenis', operator: 'in', value: ['sedan', 'minibus'] },
    ] });
  });

  it('the JSON read back gives the same rows (round trip)', () => {
    const body = '{"any":[{"fact":"status","operator":"notEqual","value":"ditolak"},{"fact":"umur","operator":"lessThanInclusive","value":17}]}';
    const { model } = parseConditionBody(body);
    expect(model).toEqual({ combinator: 'any', rows: [
      { fact: 'status', operator: 'notEqual', valueType: 'string', value: 'ditolak' },
      { fact: 'umur', operator: 'lessThanInclusive', valueType: 'number', value: '17' },
    ] });
    expect(JSON.parse(conditionBody(model!))).toEqual(JSON.parse(body));
  });

  it('a single leaf condition opens as one row', () => {
    expect(conditionToBuilder({ fact: 'lunas', operator: 'equal', value: false })?.rows).toHaveLength(1);
  });

  it('nested or parameterised conditions are left to the raw JSON tab', () => {
    expect(conditionToBuilder({ all: [{ any: [{ fact: 'a', operator: 'equal', value: 1 }] }] })).toBeUndefined();
    expect(conditionToBuilder({ all: [{ fact: 'a', operator: 'equal', value: 1, path: '$.x' }] })).toBeUndefined();
    expect(conditionToBuilder({ all: [{ fact: 'a', operator: 'regexMatch', value: 'x' }] })).toBeUndefined();
    expect(parseConditionBody('{not json').error).toBeTruthy();
  });

  it('a number row with text, or a bad variable name, names the wrong row', () => {
    const bad = () => builderToCondition({ combinator: 'all', rows: [
      { fact: 'ok', operator: 'equal', valueType: 'boolean', value: 'true' },
      { fact: 'njkb', operator: 'greaterThan', valueType: 'number', value: 'seratus' },
    ] });
    expect(bad).toThrow(RowError);
    try { bad(); } catch (e) { expect((e as RowError).row).toBe(1); }
    expect(() => builderToCondition({ combinator: 'all', rows: [{ fact: '1x y', operator: 'equal', valueType: 'string', value: '' }] })).toThrow(/variabel/);
  });
});
