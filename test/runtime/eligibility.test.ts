/**
 * Eligibility in the runtime: an application whose facts fall outside the service's remit is
 * refused at its start, and in a running case the business rule task throws the BPMN error
 * NOT_ELIGIBLE (a business outcome) that the model catches on its way to the rejection letter.
 */
import { describe, expect, it } from 'vitest';
import type { EvaluationResult, Facts, RuleEvaluator } from '../../runtime/rules-port.js';
import { systemResults } from '../../runtime/inputs.js';
import { Harness } from './support/harness.js';
import { chain, end, model, start, userTask } from './support/bpmn.js';

const reason = { code: 'LUAS-LEBIH-100', message: 'Luas paling banyak 100 m²', legalBasis: 'SOP, baris 33', redirect: 'Ajukan ke DPMPTSP' };

/** A stand-in for the rule service: more than 100 m² is outside the remit. */
const rules: RuleEvaluator = {
  async evaluate(key: string, facts: Facts) {
    const out = Number(facts.area) > 100;
    return { ruleSet: { key }, eligible: !out, reasons: out ? [reason] : [], fees: out ? [] : [{ code: 'RETRIBUSI', amount: '1000' }], total: out ? '0' : '1000' } as unknown as EvaluationResult;
  },
  async reasons(_key: string, facts: Facts) {
    return Number(facts.area) > 100 ? [reason] : [];
  },
  // The set's facts, as the rule service declares them: what the measuring officer may enter before the fee step.
  async factSchema() {
    return { area: { type: 'number', minimum: 0 } };
  },
};

const withBoundary = (key: string) =>
  model(
    key,
    `${start()}${userTask('ukur')}<bpmn:businessRuleTask id="hitung" sop:ruleSet="fees" sop:resultVariable="retribusi" />
     <bpmn:boundaryEvent id="luar" attachedToRef="hitung"><bpmn:errorEventDefinition errorRef="ne" /></bpmn:boundaryEvent>
     ${userTask('bayar')}${userTask('surat_tolak')}${end()}${end('end_tolak')}
     ${chain('start', 'ukur', 'hitung', 'bayar', 'end')}${chain('luar', 'surat_tolak', 'end_tolak')}`,
    { lanes: { 'tim-teknis': ['ukur'], pemohon: ['bayar'], 'petugas-loket': ['surat_tolak'] }, extra: '<bpmn:error id="ne" errorCode="NOT_ELIGIBLE" />' },
  );

describe('eligibility in the runtime', () => {
  it('a start carrying facts outside the remit is refused with NOT_ELIGIBLE and the reasons; nothing is started', async () => {
    const h = new Harness({ rules });
    h.publish('imb', withBoundary('imb'));
    await expect(h.start('imb', { area: 150 })).rejects.toMatchObject({ code: 'NOT_ELIGIBLE', details: { reasons: [expect.objectContaining({ code: 'LUAS-LEBIH-100', ruleSet: 'fees' })] } });
    const ok = await h.start('imb', { area: 90 });
    expect(h.activeElements(ok.id)).toEqual(['ukur']);
  });

  it('the officer measures 120 m²: the fee step throws NOT_ELIGIBLE, the boundary leads to the rejection letter, the answer is kept for the letter', async () => {
    const h = new Harness({ rules });
    h.publish('imb', withBoundary('imb'));
    const i = await h.start('imb', { area: 90 });
    await h.completeAt(i.id, 'ukur', { area: 120 });
    expect(h.activeElements(i.id)).toEqual(['surat_tolak']);
    expect(systemResults(h.instance(i.id).variables).retribusi).toMatchObject({ eligible: false, reasons: [reason], total: '0' });
  });

  it('within the remit the fee step goes on as before', async () => {
    const h = new Harness({ rules });
    h.publish('imb', withBoundary('imb'));
    const i = await h.start('imb', { area: 90 });
    await h.completeAt(i.id, 'ukur', { area: 100 });
    expect(h.activeElements(i.id)).toEqual(['bayar']);
  });

  it('a model with no boundary for it refuses the step (400 NOT_ELIGIBLE), so the officer can correct the facts', async () => {
    const h = new Harness({ rules });
    h.publish(
      'tanpa',
      model('tanpa', `${start()}${userTask('ukur')}<bpmn:businessRuleTask id="hitung" sop:ruleSet="fees" sop:resultVariable="retribusi" />${userTask('bayar')}${end()}${chain('start', 'ukur', 'hitung', 'bayar', 'end')}`, {
        lanes: { 'tim-teknis': ['ukur'], pemohon: ['bayar'] },
      }),
    );
    const i = await h.start('tanpa', {});
    await expect(h.completeAt(i.id, 'ukur', { area: 120 })).rejects.toMatchObject({ code: 'NOT_ELIGIBLE', details: { reasons: [reason] } });
    expect(h.activeElements(i.id)).toEqual(['ukur']);
  });

  it("the start asks a fee step's set with the constant facts the model binds on it (sop:facts), as the step will", async () => {
    // the kecamatan's office takes up to 100 m²; the model, not the applicant, says which office it is
    const byOffice: RuleEvaluator = {
      async evaluate(key: string, facts: Facts) {
        return rules.evaluate(key, facts.kantor === 'kecamatan' ? facts : {});
      },
      async reasons(_key: string, facts: Facts) {
        return facts.kantor === 'kecamatan' && Number(facts.area) > 100 ? [reason] : [];
      },
    };
    const h = new Harness({ rules: byOffice });
    h.publish(
      'kec',
      model('kec', `${start()}${userTask('ukur')}<bpmn:businessRuleTask id="hitung" sop:ruleSet="fees" sop:resultVariable="retribusi" sop:facts="{&quot;kantor&quot;:&quot;kecamatan&quot;}" />${userTask('bayar')}${end()}${chain('start', 'ukur', 'hitung', 'bayar', 'end')}`, {
        lanes: { 'tim-teknis': ['ukur'], pemohon: ['bayar'] },
      }),
    );
    // an applicant cannot talk the model out of its office: the bound fact wins over the start's
    await expect(h.start('kec', { area: 150, kantor: 'kabupaten' })).rejects.toMatchObject({ code: 'NOT_ELIGIBLE', details: { reasons: [expect.objectContaining({ code: 'LUAS-LEBIH-100', ruleSet: 'fees' })] } });
    const ok = await h.start('kec', { area: 90 });
    expect(h.activeElements(ok.id)).toEqual(['ukur']);
  });
});
