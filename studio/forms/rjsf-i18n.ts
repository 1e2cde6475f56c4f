/**
 * @rjsf's own words (yes/no of a boolean, array buttons, the error list's title, …) in the
 * reader's language. rjsf ships English only; the Indonesian catalogue lives here, beside the
 * forms that use it, and every `<Form>` of the studio gets `translateString={rjsfTranslator(lang)}`.
 */
import { englishStringTranslator, replaceStringParameters, TranslatableString } from '@rjsf/utils';
import type { Language } from '../i18n/index.js';

export const RJSF_ID: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: 'Butir',
  [TranslatableString.MissingItems]: 'Definisi butir tidak ada',
  [TranslatableString.EmptyArray]: 'Belum ada butir. Tambahkan dengan tombol di bawah.',
  [TranslatableString.YesLabel]: 'Ya',
  [TranslatableString.NoLabel]: 'Tidak',
  [TranslatableString.CloseLabel]: 'Tutup',
  [TranslatableString.ErrorsLabel]: 'Kesalahan',
  [TranslatableString.NewStringDefault]: 'Nilai baru',
  [TranslatableString.AddButton]: 'Tambah',
  [TranslatableString.AddItemButton]: 'Tambah butir',
  [TranslatableString.CopyButton]: 'Salin',
  [TranslatableString.MoveDownButton]: 'Turunkan',
  [TranslatableString.MoveUpButton]: 'Naikkan',
  [TranslatableString.RemoveButton]: 'Hapus',
  [TranslatableString.NowLabel]: 'Sekarang',
  [TranslatableString.ClearLabel]: 'Kosongkan',
  [TranslatableString.AriaDateLabel]: 'Pilih tanggal',
  [TranslatableString.PreviewLabel]: 'Pratinjau',
  [TranslatableString.DecrementAriaLabel]: 'Kurangi 1',
  [TranslatableString.IncrementAriaLabel]: 'Tambah 1',
  [TranslatableString.OptionalObjectAdd]: 'Isi data untuk isian pilihan',
  [TranslatableString.OptionalObjectRemove]: 'Hapus data isian pilihan',
  [TranslatableString.OptionalObjectEmptyMsg]: 'Belum ada data untuk isian pilihan',
  [TranslatableString.Type]: 'Jenis',
  [TranslatableString.Value]: 'Nilai',
  [TranslatableString.ClearButton]: 'kosongkan isian',
  [TranslatableString.UnknownFieldType]: 'Jenis isian tidak dikenal: %1',
  [TranslatableString.OptionPrefix]: 'Pilihan %1',
  [TranslatableString.TitleOptionPrefix]: '%1 pilihan %2',
  [TranslatableString.KeyLabel]: 'Kunci %1',
  [TranslatableString.DeprecatedLabel]: '%1 (usang)',
  [TranslatableString.UnsupportedField]: 'Isian ini tidak dapat ditampilkan.',
  [TranslatableString.UnsupportedFieldWithId]: 'Isian `%1` tidak dapat ditampilkan.',
  [TranslatableString.UnsupportedFieldWithReason]: 'Isian ini tidak dapat ditampilkan: _%1_.',
  [TranslatableString.UnsupportedFieldWithIdAndReason]: 'Isian `%1` tidak dapat ditampilkan: _%2_.',
  [TranslatableString.FilesInfo]: '**%1** (%2, %3 bita)',
};

/** rjsf's `translateString` for the chosen language. */
export function rjsfTranslator(lang: Language): (s: TranslatableString, params?: string[]) => string {
  if (lang === 'en') return englishStringTranslator;
  return (s, params) => {
    const text = RJSF_ID[s];
    return text === undefined ? englishStringTranslator(s, params) : replaceStringParameters(text, params);
  };
}
