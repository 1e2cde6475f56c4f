import { describe, expect, it } from 'vitest';
import { identityField, markedFields } from '../../core/form-fields.js';
import { schemaProblems } from '../../core/safe-schema.js';

const schema = {
  type: 'object',
  properties: {
    namaPemohon: { type: 'string', title: 'Nama pemohon', 'x-sop-field': 'applicant.name' },
    teksReklame: { type: 'string', title: 'Teks reklame', 'x-sop-field': 'object' },
    lengthMeters: { type: 'number', title: 'Panjang (meter)' },
  },
};

describe('what a form field is to the application (x-sop-field)', () => {
  it('names the identity and the object a form marks, and nothing unmarked', () => {
    expect(markedFields(schema)).toEqual([
      { name: 'namaPemohon', mark: 'applicant.name', title: 'Nama pemohon' },
      { name: 'teksReklame', mark: 'object', title: 'Teks reklame' },
    ]);
    expect(identityField(schema, 'applicant.name')).toBe('namaPemohon');
    expect(identityField(schema, 'applicant.nik')).toBeUndefined();
  });

  it('is a keyword a form may carry; an unknown meaning is refused where the schema is checked', () => {
    expect(schemaProblems(schema)).toEqual([]);
    expect(schemaProblems({ type: 'object', properties: { x: { type: 'string', 'x-sop-field': 'holder' } } })).toEqual([expect.objectContaining({ code: 'SCHEMA_INVALID', path: '/properties/x/x-sop-field' })]);
  });
});
