import { TranslatableString } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { RJSF_ID, rjsfTranslator } from '../../studio/forms/rjsf-i18n.js';

// The strings a form shows to an officer or applicant; rjsf's developer-only warnings
// (ref cycles, invalid field configuration) may stay English.
const DEVELOPER_ONLY = new Set<TranslatableString>([TranslatableString.CycleDetected, TranslatableString.InvalidObjectField, TranslatableString.ExpandButton]);

describe('rjsf in Bahasa Indonesia', () => {
  it('a yes/no field reads "Ya" / "Tidak", and English in English', () => {
    expect(rjsfTranslator('id')(TranslatableString.YesLabel)).toBe('Ya');
    expect(rjsfTranslator('id')(TranslatableString.NoLabel)).toBe('Tidak');
    expect(rjsfTranslator('en')(TranslatableString.YesLabel)).toBe('Yes');
  });

  it('every word rjsf can put in front of a user has an Indonesian text (a new rjsf string fails here)', () => {
    const missing = Object.values(TranslatableString).filter((s) => !DEVELOPER_ONLY.has(s) && !RJSF_ID[s]);
    expect(missing).toEqual([]);
  });

  it('parameters are filled in', () => {
    expect(rjsfTranslator('id')(TranslatableString.OptionPrefix, ['2'])).toBe('Pilihan 2');
  });
});
