import { describe, expect, it } from 'vitest';
import { feeAssessments, isRejectionOutput, producedKinds, resultKindOf, type OutcomeFacts } from '../../core/print-kinds.js';

const none: OutcomeFacts = { reached: [], fees: false, sppdkb: false, ineligible: false, issued: [], result: null };

describe('which print kinds an application produced (issue 23, point 4)', () => {
  it('a refusal letter is named "penolakan" or "tolak"; a decree that may also refuse is an SK', () => {
    expect(isRejectionOutput('Surat penolakan')).toBe(true);
    expect(isRejectionOutput('Berkas ditolak')).toBe(true);
    expect(isRejectionOutput('Surat Keputusan Bebas BPHTB / Penolakan')).toBe(false);
    expect(resultKindOf('Surat Keterangan Bebas BPHTB / Penolakan')).toBe('sk');
    expect(resultKindOf('Surat penolakan')).toBe('surat-penolakan');
    expect(resultKindOf('Izin Reklame')).toBe('izin');
    expect(resultKindOf('SKPD dan STNK')).toBe('skpd');
  });

  it('a running application with nothing computed has only its receipt', () => {
    expect(producedKinds(none)).toEqual(['tanda-terima']);
  });

  it('an approved one: fee documents once computed, the permit once issued; never the rejection letter', () => {
    expect(producedKinds({ ...none, reached: ['Berkas diperiksa', 'SKRD'], fees: true, issued: ['izin'], result: 'Izin Reklame' })).toEqual(['tanda-terima', 'nota', 'skpd', 'skrd', 'kwitansi', 'izin']);
  });

  it('the kwitansi of a process that takes payment at a kasir step exists only once the kasir recorded the payment (issue 23)', () => {
    const computed = { ...none, reached: ['SKRD'], fees: true };
    expect(producedKinds({ ...computed, paid: false })).not.toContain('kwitansi');
    expect(producedKinds({ ...computed, paid: true })).toContain('kwitansi');
    // a process without a kasir step (paid at the bank): the receipt follows the fee as before
    expect(producedKinds(computed)).toContain('kwitansi');
  });

  it('a refused one: the letter from the moment its step is reached (or a rule found it outside the remit); no permit even if its end names one', () => {
    expect(producedKinds({ ...none, reached: ['Berkas diperiksa', 'Surat penolakan'] })).toEqual(['tanda-terima', 'surat-penolakan']);
    expect(producedKinds({ ...none, ineligible: true })).toEqual(['tanda-terima', 'surat-penolakan']);
    expect(producedKinds({ ...none, result: 'Surat penolakan' })).toEqual(['tanda-terima', 'surat-penolakan']);
    expect(producedKinds({ ...none, ineligible: true, result: 'Izin terbit' })).not.toContain('izin');
  });

  it('a retribution is assessed by an SKRD and a tax by an SKPD, never both for one nota', () => {
    const reklame = feeAssessments([{ fees: [{ label: 'Retribusi izin reklame' }] }]);
    expect(reklame).toEqual({ skpd: false, skrd: true });
    expect(producedKinds({ ...none, fees: true, assessments: reklame })).toEqual(['tanda-terima', 'nota', 'skrd', 'kwitansi']);
    const samsat = feeAssessments([{ fees: [{ label: 'Pajak Kendaraan Bermotor' }, { label: 'Opsen PKB' }, { label: 'SWDKLLJ' }] }]);
    expect(producedKinds({ ...none, fees: true, assessments: samsat })).toEqual(['tanda-terima', 'nota', 'skpd', 'kwitansi']);
    // a retribution and a tax's underpayment in one application: both assessments
    expect(feeAssessments([{ fees: [{ label: 'Retribusi izin reklame' }] }, { fees: [{ label: 'Kurang bayar BPHTB' }] }])).toEqual({ skpd: true, skrd: true });
  });
});
