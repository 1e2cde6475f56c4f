import { describe, expect, it } from 'vitest';
import { ApiError } from '../../studio/api/client.js';
import { errorWords } from '../../studio/i18n/error-words.js';
import { translate } from '../../studio/i18n/index.js';

const inEnglish = (e: unknown) => errorWords((k, p) => translate('en', k, p), e);
const inIndonesian = (e: unknown) => errorWords((k, p) => translate('id', k, p), e);

// What the studio shows when a save, a publication or a rule test is refused: words, never a code.
describe('a refused call in words', () => {
  it('says a refusal the catalogue knows in the chosen language', () => {
    const refused = new ApiError(409, 'DRAFT_CONFLICT', 'Draf sudah diubah');
    expect(inEnglish(refused)).toBe('The draft was changed by someone else');
    expect(inIndonesian(refused)).toBe('Draf telah diubah orang lain');
  });

  it("gives the server's own sentence for any other code, then the problems it lists, one per line", () => {
    expect(inEnglish(new ApiError(403, 'FORBIDDEN', 'Hanya admin yang dapat mengubah kalender kantor'))).toBe('Hanya admin yang dapat mengubah kalender kantor');
    const invalid = new ApiError(400, 'RULESET_INVALID', 'Rule set tidak valid', { errors: [{ path: '/versions/0/rules/1', message: 'event.params.fee harus angka' }] });
    expect(inIndonesian(invalid)).toBe('Rule set tidak valid\n/versions/0/rules/1 event.params.fee harus angka');
    expect(inIndonesian(invalid)).not.toContain('RULESET_INVALID');
  });

  it('names an unreachable server', () => {
    expect(inEnglish(new ApiError(0, 'NETWORK', 'fetch failed'))).toBe('Cannot reach the server');
  });
});
