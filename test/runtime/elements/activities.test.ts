import { describe, expect, it } from 'vitest';
import { systemResults } from '../../../runtime/inputs.js';
import { Harness } from '../support/harness.js';
import { chain, end, eq, flow, model, start, userTask } from '../support/bpmn.js';
import { BUILTIN_HANDLERS, type ServiceHandler } from '../../../runtime/handlers.js';
import { BpmnError } from '../../../runtime/errors.js';

describe('embedded sub-process', () => {
  it('runs its inner steps in the lane roles and completes when its scope is empty', async () => {
    const h = new Harness();
    h.publish(
      'sub',
      model(
        'sub',
        `${start()}<bpmn:subProcess id="verif">${start('s1')}<bpmn:parallelGateway id="f" />${userTask('a')}${userTask('b')}${end('e1')}${end('e2')}
           ${chain('s1', 'f')}${flow('fa', 'f', 'a')}${flow('fb', 'f', 'b')}${chain('a', 'e1')}${chain('b', 'e2')}</bpmn:subProcess>${userTask('akhir')}${end()}
         ${chain('start', 'verif', 'akhir', 'end')}`,
        { lanes: { korektor: ['verif', 'a', 'akhir'], kasir: ['b'] } },
      ),
    );
    const i = await h.start('sub');
    expect(h.openTasks(i.id).map((t) => [t.elementId, t.role])).toEqual([['a', 'korektor'], ['b', 'kasir']]);
    await h.completeAt(i.id, 'a');
    expect(h.activeElements(i.id)).toEqual(['b', 'verif']);
    await h.completeAt(i.id, 'b');
    expect(h.activeElements(i.id)).toEqual(['akhir']);
  });
});

describe('call activity', () => {
  // The cashier's form: the payment's NTPN and a note the caller does not map back.
  const bayarForm = JSON.stringify({ schema: { type: 'object', properties: { ntpn: { type: 'string' }, lain: { type: 'number' } } } }).replace(/"/g, '&quot;');
  const payment = model('pembayaran', `${start()}${userTask('bayar', `sop:duration="PT10M" sop:form="${bayarForm}"`)}${end()}${chain('start', 'bayar', 'end')}`, { lanes: { kasir: ['bayar'] } });
  const caller = model(
    'daftar',
    `${start()}<bpmn:callActivity id="panggil" calledElement="pembayaran" sop:inputs="tagihan=total" sop:outputs="ntpn" />${userTask('serah')}${end()}${chain('start', 'panggil', 'serah', 'end')}`,
    { lanes: { korektor: ['serah'] } },
  );

  it('starts the callee in the same office, maps variables in and out, then goes on', async () => {
    const h = new Harness();
    h.publish('pembayaran', payment);
    h.publish('daftar', caller);
    const i = await h.start('daftar', { total: '250000', rahasia: 'x' }, { businessKey: 'B-1' });
    const child = [...h.store.instances.values()].find((x) => x.parentInstanceId === i.id)!;
    expect(child).toMatchObject({ processKey: 'pembayaran', office: 'kantor-a', businessKey: 'B-1', variables: { tagihan: '250000' } });
    await h.completeAt(child.id, 'bayar', { ntpn: 'N-1', lain: 1 });
    expect(h.instance(child.id).status).toBe('completed');
    expect(h.activeElements(i.id)).toEqual(['serah']);
    expect(h.instance(i.id).variables).toEqual({ total: '250000', rahasia: 'x', ntpn: 'N-1' });
  });

  it('calls the version in force at call time; the running caller keeps its own version', async () => {
    const h = new Harness();
    h.publish('pembayaran', payment);
    h.publish('daftar', model('daftar', `${start()}${userTask('terima')}<bpmn:callActivity id="panggil" calledElement="pembayaran" />${end()}${chain('start', 'terima', 'panggil', 'end')}`, { lanes: { korektor: ['terima'] } }));
    const i = await h.start('daftar');
    h.publish('pembayaran', model('pembayaran', `${start()}${userTask('bayar2')}${end()}${chain('start', 'bayar2', 'end')}`, { lanes: { kasir: ['bayar2'] } }));
    await h.completeAt(i.id, 'terima');
    const child = [...h.store.instances.values()].find((x) => x.parentInstanceId === i.id)!;
    expect(child.publication).toBe(2);
    expect(h.openTasks(child.id).map((t) => t.elementId)).toEqual(['bayar2']);
    expect(h.instance(i.id).publication).toBe(1);
  });

  it('cancelling the caller cancels the callee and its tasks', async () => {
    const h = new Harness();
    h.publish('pembayaran', payment);
    h.publish('daftar', caller);
    const i = await h.start('daftar', { total: '1' });
    const child = [...h.store.instances.values()].find((x) => x.parentInstanceId === i.id)!;
    await h.engine.cancel(h.store, { instanceId: i.id, reason: 'dibatalkan pemohon', by: 'manager' });
    expect(h.instance(child.id).status).toBe('cancelled');
    expect(h.openTasks()).toEqual([]);
  });

  it('a BPMN error in the callee is caught by an error boundary on the call activity', async () => {
    const h = new Harness();
    h.publish('cek', model('cek', `${start()}<bpmn:endEvent id="tolak"><bpmn:errorEventDefinition errorRef="e" /></bpmn:endEvent>${chain('start', 'tolak')}`, { extra: '<bpmn:error id="e" errorCode="TUNGGAKAN" />' }));
    h.publish(
      'induk',
      model('induk', `${start()}<bpmn:callActivity id="c" calledElement="cek" /><bpmn:boundaryEvent id="b" attachedToRef="c"><bpmn:errorEventDefinition errorRef="e" /></bpmn:boundaryEvent>${userTask('lunasi')}${end()}${end('e2')}${chain('start', 'c', 'end')}${chain('b', 'lunasi', 'e2')}`, {
        lanes: { kasir: ['lunasi'] },
        extra: '<bpmn:error id="e" errorCode="TUNGGAKAN" />',
      }),
    );
    const i = await h.start('induk');
    expect(h.activeElements(i.id)).toEqual(['lunasi']);
  });
});

describe('service task', () => {
  it('runs its handler in a job after the step commits and merges the result', async () => {
    const h = new Harness();
    h.publish('svc', model('svc', `${start()}<bpmn:serviceTask id="terbit" sop:handler="issue-document" />${userTask('serah')}${end()}${chain('start', 'terbit', 'serah', 'end')}`, { lanes: { korektor: ['serah'] } }));
    const i = await h.start('svc');
    expect(h.activeElements(i.id)).toEqual(['terbit']);
    expect(await h.runDueJobs()).toBe(1);
    expect(h.activeElements(i.id)).toEqual(['serah']);
    expect(systemResults(h.instance(i.id).variables).documentNumber).toMatch(/^SVC\/2025\/[0-9A-F]{8}$/);
  });

  it('a handler BpmnError goes to the error boundary; a technical failure leaves the step undone', async () => {
    let calls = 0;
    const failing: ServiceHandler = {
      description: 'test',
      async run(ctx) {
        calls++;
        if (ctx.variables.mode === 'bisnis') throw new BpmnError('DITOLAK');
        throw new Error('layanan tidak tersedia');
      },
    };
    // The engine is given its handlers: this one exists for this engine only.
    const h = new Harness({ handlers: new Map([...BUILTIN_HANDLERS, ['uji-gagal', failing]]) });
    h.publish(
      'svc2',
      model('svc2', `${start()}<bpmn:serviceTask id="cek" sop:handler="uji-gagal" /><bpmn:boundaryEvent id="b" attachedToRef="cek"><bpmn:errorEventDefinition errorRef="e" /></bpmn:boundaryEvent>${userTask('tolak')}${end()}${end('e2')}${chain('start', 'cek', 'end')}${chain('b', 'tolak', 'e2')}`, {
        lanes: { korektor: ['tolak'] },
        extra: '<bpmn:error id="e" errorCode="DITOLAK" />',
      }),
    );
    const a = await h.start('svc2', { mode: 'bisnis' });
    await h.runDueJobs();
    expect(h.activeElements(a.id)).toEqual(['tolak']);
    const b = await h.start('svc2', { mode: 'teknis' });
    const job = [...h.store.jobs.values()].find((j) => j.instanceId === b.id)!;
    await expect(h.engine.fireJob(h.store, job)).rejects.toThrow('layanan tidak tersedia');
    expect(h.activeElements(b.id)).toEqual(['cek']);
    expect(calls).toBe(2);
  });
});

describe('business rule task', () => {
  it('calls the rule evaluator with the variables and the registration date, keeps the nota with the application and the trace in the step\'s history', async () => {
    const seen: unknown[] = [];
    const h = new Harness({
      rules: {
        async evaluate(key, facts, at) {
          seen.push({ key, facts, at });
          return {
            total: '1750000', fees: [], documents: [], decisions: {},
            ruleSet: { key: 'samsat-fees', publication: 1, period: { effectiveFrom: '2025-01-05', effectiveTo: null, assumption: true, assumptionNotes: ['tarif dianggap'] } },
            trace: [{ rule: 'PKB', fired: true }],
          } as never;
        },
      },
    });
    h.publish('br', model('br', `${start()}<bpmn:businessRuleTask id="hitung" sop:ruleSet="samsat-fees" sop:resultVariable="nota" /><bpmn:exclusiveGateway id="g" default="d" />${userTask('bayar')}${end()}${end('e2')}
      ${chain('start', 'hitung', 'g')}${flow('f1', 'g', 'bayar', { all: [{ fact: 'sys', path: '$.nota.total', operator: 'notEqual', value: '0' }] })}${flow('d', 'g', 'e2')}${chain('bayar', 'end')}`, { lanes: { kasir: ['bayar'] } }));
    const i = await h.start('br', { njkb: '100000000' });
    expect(seen).toEqual([{ key: 'samsat-fees', facts: { njkb: '100000000' }, at: '2025-03-03' }]);
    // The result is the system's: under `sys`, where no input can write it.
    const nota = systemResults(h.instance(i.id).variables).nota as Record<string, unknown>;
    expect(nota).toMatchObject({ total: '1750000', ruleSet: { key: 'samsat-fees', publication: 1, period: { effectiveFrom: '2025-01-05' } } });
    // What every later step reads and writes stays small: the rule trace and the period's notes
    // (kept by the publication the nota names) are not in the application's variables...
    expect(nota).not.toHaveProperty('trace');
    expect(nota.ruleSet).not.toHaveProperty('period.assumptionNotes');
    // ...the trace is in the fee step's history entry, written once.
    expect(h.historyOf(i.id).find((e) => e.elementId === 'hitung' && e.event === 'completed')?.details).toEqual({ trace: [{ rule: 'PKB', fired: true }] });
    expect(h.activeElements(i.id)).toEqual(['bayar']);
  });

  it('lays the model\'s constant facts (sop:facts) over the variables, so no form can change them', async () => {
    const seen: unknown[] = [];
    const h = new Harness({ rules: { async evaluate(_key, facts) { seen.push(facts); return { total: '0' } as never; } } });
    h.publish('bf', model('bf', `${start()}<bpmn:businessRuleTask id="hitung" sop:ruleSet="samsat-fees" sop:resultVariable="nota" sop:facts="{&quot;service&quot;:&quot;tahunan&quot;}" />${end()}${chain('start', 'hitung', 'end')}`));
    const i = await h.start('bf', { njkb: 1, service: 'baru' });
    expect(seen).toEqual([{ njkb: 1, service: 'tahunan' }]);
    // the instance's own variable is left as it was
    expect(h.instance(i.id).variables.service).toBe('baru');
  });

  it('uses the date variable the model names (sop:dateVariable)', async () => {
    let used: unknown;
    const h = new Harness({ rules: { async evaluate(_k, _f, at) { used = at; return {} as never; } } });
    h.publish('br2', model('br2', `${start()}<bpmn:businessRuleTask id="hitung" sop:ruleSet="x" sop:resultVariable="r" />${end()}${chain('start', 'hitung', 'end')}`, { attrs: 'sop:dateVariable="tanggalPenetapan"' }));
    await h.start('br2', { tanggalPenetapan: '2024-12-30' });
    expect(used).toBe('2024-12-30');
  });
});

describe('multi-instance user task', () => {
  const opds = ['opd-dinas-pupr', 'opd-dishub', 'opd-dinkes'];
  // Each OPD answers with its recommendation: the form of the review step.
  const REKOMENDASI_FORM = JSON.stringify({ schema: { type: 'object', properties: { rekomendasi: { enum: ['setuju', 'tolak'] } } } }).replace(/"/g, '&quot;');
  const mi = (attrs: string, completion = '') =>
    model(
      'mi',
      `${start()}<bpmn:userTask id="kajian" name="Kajian teknis" sop:office="\${opd}" sop:duration="P3D" sop:form="${REKOMENDASI_FORM}"><bpmn:multiInstanceLoopCharacteristics ${attrs} sop:collection="daftarOpd" sop:elementVariable="opd">${completion}</bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>${userTask('rekap')}${end()}
       ${chain('start', 'kajian', 'rekap', 'end')}`,
      { lanes: { 'opd-teknis': ['kajian'], kasi: ['rekap'] } },
    );

  it('parallel: one task to each OPD office at once; goes on when all are done, results in order', async () => {
    const h = new Harness();
    h.publish('mi', mi(''));
    const i = await h.start('mi', { daftarOpd: opds });
    const tasks = h.openTasks(i.id);
    expect(tasks.map((t) => [t.office, t.role, t.item]).sort()).toEqual(opds.map((o) => [o, 'opd-teknis', o]).sort());
    for (const o of ['opd-dishub', 'opd-dinas-pupr', 'opd-dinkes']) {
      await h.complete(tasks.find((t) => t.office === o)!.id, { rekomendasi: o === 'opd-dinkes' ? 'tolak' : 'setuju' }, `u-${o}`);
    }
    expect(h.activeElements(i.id)).toEqual(['rekap']);
    const results = h.instance(i.id).variables.kajianResults as Array<{ item: string; variables: { rekomendasi: string } }>;
    expect(results.map((r) => [r.item, r.variables.rekomendasi])).toEqual([
      ['opd-dinas-pupr', 'setuju'],
      ['opd-dishub', 'setuju'],
      ['opd-dinkes', 'tolak'],
    ]);
    expect(h.instance(i.id).variables.rekomendasi).toBeUndefined();
  });

  it('sequential: one OPD after another', async () => {
    const h = new Harness();
    h.publish('mi', mi('isSequential="true"'));
    const i = await h.start('mi', { daftarOpd: opds });
    for (const o of opds) {
      const open = h.openTasks(i.id);
      expect(open.map((t) => t.office)).toEqual([o]);
      await h.complete(open[0].id);
    }
    expect(h.activeElements(i.id)).toEqual(['rekap']);
  });

  it('a completion condition ends the remaining tasks early (first refusal stops the review)', async () => {
    const h = new Harness();
    h.publish('mi', mi('', `<bpmn:completionCondition xsi:type="bpmn:tFormalExpression" language="json-rules-engine">{"all":[{"fact":"rekomendasi","operator":"equal","value":"tolak"}]}</bpmn:completionCondition>`));
    const i = await h.start('mi', { daftarOpd: opds });
    const t = h.openTasks(i.id).find((x) => x.office === 'opd-dishub')!;
    await h.complete(t.id, { rekomendasi: 'tolak' });
    expect(h.openTasks(i.id).map((x) => x.elementId)).toEqual(['rekap']);
    expect([...h.store.tasks.values()].filter((x) => x.elementId === 'kajian' && x.status === 'cancelled')).toHaveLength(2);
  });

  it('an empty collection skips the activity; a missing one refuses the step', async () => {
    const h = new Harness();
    h.publish('mi', mi(''));
    const i = await h.start('mi', { daftarOpd: [] });
    expect(h.activeElements(i.id)).toEqual(['rekap']);
    await expect(h.start('mi', {})).rejects.toMatchObject({ code: 'VARIABLES_INVALID' });
  });

  it('a boundary timer on the multi-instance activity interrupts every inner task', async () => {
    const h = new Harness();
    h.publish(
      'mib',
      model(
        'mib',
        `${start()}<bpmn:userTask id="kajian" sop:office="\${opd}"><bpmn:multiInstanceLoopCharacteristics sop:collection="daftarOpd" sop:elementVariable="opd" /></bpmn:userTask>
         <bpmn:boundaryEvent id="b" attachedToRef="kajian"><bpmn:timerEventDefinition><bpmn:timeDuration>P5D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>${userTask('tegur')}${end()}${end('e2')}
         ${chain('start', 'kajian', 'end')}${chain('b', 'tegur', 'e2')}`,
        { lanes: { 'opd-teknis': ['kajian'], kasi: ['tegur'] } },
      ),
    );
    const i = await h.start('mib', { daftarOpd: opds });
    await h.complete(h.openTasks(i.id)[0].id);
    await h.advance(5 * 86400_000);
    expect(h.openTasks(i.id).map((t) => t.elementId)).toEqual(['tegur']);
    expect(h.activeElements(i.id)).toEqual(['tegur']);
  });
});

describe('loops and versions', () => {
  it('a running instance stays on the version it started with when a new one is published', async () => {
    const h = new Harness();
    h.publish('v', model('v', `${start()}${userTask('a')}${end()}${chain('start', 'a', 'end')}`, { lanes: { kasir: ['a'] } }));
    const old = await h.start('v');
    h.publish('v', model('v', `${start()}${userTask('a')}${userTask('b')}${end()}${chain('start', 'a', 'b', 'end')}`, { lanes: { kasir: ['a', 'b'] } }));
    const neu = await h.start('v');
    await h.completeAt(old.id, 'a');
    await h.completeAt(neu.id, 'a');
    expect(h.instance(old.id)).toMatchObject({ publication: 1, status: 'completed' });
    expect(h.instance(neu.id)).toMatchObject({ publication: 2, status: 'running' });
    expect(h.activeElements(neu.id)).toEqual(['b']);
  });

  it('a publication dated in the future takes over only on its date', async () => {
    const h = new Harness();
    h.publish('d', model('d', `${start()}${userTask('a')}${end()}${chain('start', 'a', 'end')}`, { lanes: { kasir: ['a'] } }));
    h.publish('d', model('d', `${start()}${userTask('b')}${end()}${chain('start', 'b', 'end')}`, { lanes: { kasir: ['b'] } }), '2025-03-10');
    expect((await h.start('d')).publication).toBe(1);
    h.clock = new Date('2025-03-09T17:30:00Z'); // 00:30 on 10 March in Jakarta
    expect((await h.start('d')).publication).toBe(2);
  });

  it('a loop with no waiting step is stopped instead of spinning forever', async () => {
    const h = new Harness();
    h.publish('spin', model('spin', `${start()}<bpmn:exclusiveGateway id="a" /><bpmn:exclusiveGateway id="b" />${chain('start', 'a', 'b')}${flow('back', 'b', 'a', eq('x', undefined))}`));
    await expect(h.start('spin')).rejects.toMatchObject({ code: 'MODEL_INVALID' });
    expect(h.store.instances.size).toBe(0);
  });
});
