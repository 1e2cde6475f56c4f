import { describe, expect, it } from 'vitest';
import { fieldsToForm, formToFields } from '../../studio/features/form-designer/form-model.js';

const schema = {
  type: 'object',
  properties: {
    namaPemohon: { type: 'string', title: 'Nama pemohon', 'x-sop-field': 'applicant.name' },
    teksReklame: { type: 'string', title: 'Teks reklame', 'x-sop-field': 'object' },
    lengthMeters: { type: 'number', title: 'Panjang (meter)' },
  },
};

describe('the form designer and what a field is to the application', () => {
  it('survives the form designer: a field keeps its meaning when the administrator opens and saves the form', () => {
    const fields = formToFields(JSON.stringify({ schema, uiSchema: {} }))!;
    expect(fields.map((f) => f.mark)).toEqual(['applicant.name', 'object', undefined]);
    expect(fieldsToForm(fields).schema.properties.teksReklame).toMatchObject({ 'x-sop-field': 'object' });
    expect(fieldsToForm(fields).schema.properties.lengthMeters).not.toHaveProperty('x-sop-field');
  });
});
