import { BUILTIN_HANDLERS, type ServiceHandler } from './handlers.js';
import { APPLICANT_ROLES } from './task-routing.js';
import { parseModel, type ModelIssue } from './model/parse.js';
import { timerStartOffices } from './timer-start.js';
import type { FlowNode, ProcessModel } from './model/types.js';

export interface ValidationReport {
  errors: ModelIssue[];
  warnings: ModelIssue[];
  model: ProcessModel | undefined;
}


/** Where an escalation can be thrown from inside: sub-processes, call activities, multi-instance activities whose behavior escalates. */
function escalationSource(node: FlowNode | undefined): boolean {
  if (!node) return false;
  if (node.kind === 'subProcess' || node.kind === 'callActivity') return true;
  return node.multiInstance?.behavior.events.some((e) => e.event.type === 'escalation') === true;
}

/**
 * Publish-time checks: what the runtime cannot execute refuses the publication, naming the
 * element (unsupported elements, script tasks, JavaScript/FEEL conditions, unknown handlers,
 * tasks without a lane role, …). Warnings do not block.
 */
export async function validateModel(xml: string, opts: { processKey?: string; handlers?: ReadonlyMap<string, ServiceHandler> } = {}): Promise<ValidationReport> {
  const handlers = opts.handlers ?? BUILTIN_HANDLERS;
  const { model, errors, warnings } = await parseModel(xml, opts);
  if (!model) return { errors, warnings, model };
  const err = (code: string, element: string, message: string) => errors.push({ code, element, message });
  const warn = (code: string, element: string, message: string) => warnings.push({ code, element, message });

  if (model.startEvents.length === 0 && Object.keys(model.messageStarts).length === 0 && Object.keys(model.signalStarts).length === 0 && model.timerStarts.length === 0) {
    err('NO_START_EVENT', model.key, 'Proses tidak memiliki start event');
  }
  for (const n of Object.values(model.nodes)) {
    const label = `"${n.name}"`;
    switch (n.kind) {
      case 'userTask':
      case 'manualTask':
        if (!n.role) err('TASK_WITHOUT_ROLE', n.id, `Tugas ${label} tidak berada di lane dengan sop:role: tidak ada yang dapat mengerjakannya`);
        if (n.role && APPLICANT_ROLES.has(n.role) && model.timerStarts.length > 0) {
          warn('TIMER_START_APPLICANT_TASK', n.id, `Tugas pemohon ${label}: permohonan yang dimulai timer tidak memiliki pemohon, tugas ini tidak dapat dikerjakan siapa pun`);
        }
        if (n.role && APPLICANT_ROLES.has(n.role) && n.office) warn('APPLICANT_OFFICE_IGNORED', n.id, `sop:office pada tugas pemohon ${label} diabaikan`);
        if (!n.duration) warn('NO_DURATION', n.id, `Tugas ${label} tidak memiliki sop:duration (waktu SOP): tidak ada tenggat`);
        break;
      case 'serviceTask':
      case 'sendTask':
        // A send task's message is its work; a handler beside it is optional.
        if (n.kind === 'sendTask' && !n.handler && n.event.type === 'message') break;
        if (!n.handler) err('HANDLER_MISSING', n.id, n.kind === 'sendTask' ? `Send task ${label} tidak menyebut sop:handler atau bpmn:message (messageRef)` : `Service task ${label} tidak menyebut sop:handler`);
        else if (!handlers.has(n.handler)) err('HANDLER_UNKNOWN', n.id, `Handler "${n.handler}" pada ${label} tidak terdaftar`);
        break;
      case 'businessRuleTask':
        if (!n.ruleSet) err('RULESET_MISSING', n.id, `Business rule task ${label} tidak menyebut sop:ruleSet`);
        if (!n.resultVariable) warn('RESULT_VARIABLE_MISSING', n.id, `Business rule task ${label} tanpa sop:resultVariable: hasil disimpan di ${n.id}Result`);
        break;
      case 'callActivity':
        if (!n.calledElement) err('CALLED_ELEMENT_MISSING', n.id, `Call activity ${label} tidak menyebut calledElement`);
        break;
      case 'receiveTask':
        if (n.event.type !== 'message') err('MESSAGE_MISSING', n.id, `Receive task ${label} tidak merujuk bpmn:message`);
        break;
      case 'subProcess':
        if (n.startEvents.length !== 1) err('SUBPROCESS_START', n.id, `Sub-process ${label} harus memiliki tepat satu start event biasa`);
        break;
      case 'eventSubProcess':
        if (n.startEvents.length !== 1) err('EVENT_SUBPROCESS_INVALID', n.id, `Event sub-process ${label} harus memiliki tepat satu start event (pesan, timer, sinyal, kondisi, error atau eskalasi)`);
        if (n.incoming.length > 0 || n.outgoing.length > 0) err('EVENT_SUBPROCESS_INVALID', n.id, `Event sub-process ${label} tidak boleh memiliki alur masuk atau keluar: ia dimulai oleh event-nya`);
        if (n.boundaries.length > 0) err('EVENT_SUBPROCESS_INVALID', n.id, `Event sub-process ${label} tidak boleh memiliki boundary event`);
        if (n.multiInstance || n.loop) err('EVENT_SUBPROCESS_INVALID', n.id, `Event sub-process ${label} tidak boleh berulang (loop atau multi-instance)`);
        break;
      case 'complexGateway':
        if (n.incoming.length > 1 && !n.activation) {
          err('COMPLEX_GATEWAY_INVALID', n.id, `Complex gateway ${label} dengan beberapa alur masuk perlu activationCondition (kondisi JSON atas variabel dan activationCount)`);
        }
        break;
      case 'startEvent':
        if (n.parent !== null && model.nodes[n.parent]?.kind === 'eventSubProcess') {
          if (!['message', 'timer', 'signal', 'conditional', 'error', 'escalation'].includes(n.event.type)) {
            err('UNSUPPORTED_ELEMENT', n.id, `Start event ${label} dari event sub-process harus pesan, timer, sinyal, kondisi, error atau eskalasi`);
          }
          if (n.event.type === 'error' && !n.interrupting) err('UNSUPPORTED_ELEMENT', n.id, `Start event error ${label} selalu interrupting`);
        } else if (n.parent !== null && n.event.type !== 'none') err('UNSUPPORTED_ELEMENT', n.id, `Start event bertipe ${n.event.type} di dalam sub-process ${label} tidak didukung`);
        if (n.parent === null && !['none', 'message', 'timer', 'signal'].includes(n.event.type)) {
          err('UNSUPPORTED_ELEMENT', n.id, `Start event ${label} bertipe ${n.event.type} tidak didukung di tingkat proses (hanya biasa, pesan, timer atau sinyal)`);
        }
        if (n.parent === null && n.event.type === 'timer') {
          // No applicant and no variables when a timer fires: the office must be named outright.
          if (n.office === undefined) {
            err('TIMER_START_OFFICE_MISSING', n.id, `Timer start event ${label} tidak menyebut sop:office: kantor tempat permohonan dimulai (satu kunci kantor atau daftar dipisah koma)`);
          } else if (!timerStartOffices(n.office)) {
            err('TIMER_START_OFFICE_INVALID', n.id, `sop:office "${n.office}" pada timer start event ${label} harus kunci kantor atau daftar kunci dipisah koma (tanpa ekspresi)`);
          }
          if (n.event.timer.type === 'cycle' && n.event.timer.repetitions === 0) err('TIMER_INVALID', n.id, `Timer start event ${label}: siklus R0 tidak pernah berjalan`);
        }
        break;
      case 'endEvent':
        if (!['none', 'terminate', 'error', 'message', 'signal', 'escalation'].includes(n.event.type)) {
          err('UNSUPPORTED_ELEMENT', n.id, `End event ${label} bertipe ${n.event.type} tidak didukung`);
        }
        break;
      case 'intermediateCatchEvent':
        if (!['timer', 'message', 'signal', 'link', 'conditional'].includes(n.event.type)) err('UNSUPPORTED_ELEMENT', n.id, `Intermediate catch event ${label} harus timer, pesan, sinyal, kondisi atau link`);
        // BPMN leaves open what a cycle means on an event a token passes once: refused rather than fired once.
        if (n.event.type === 'timer' && n.event.timer.type === 'cycle') err('TIMER_INVALID', n.id, `Intermediate timer ${label} dengan timeCycle tidak didukung: gunakan timeDuration atau timeDate`);
        break;
      case 'intermediateThrowEvent':
        if (!['none', 'message', 'signal', 'link', 'escalation'].includes(n.event.type)) err('UNSUPPORTED_ELEMENT', n.id, `Intermediate throw event ${label} harus biasa, pesan, sinyal, link atau eskalasi`);
        break;
      case 'boundaryEvent':
        if (!['timer', 'message', 'error', 'signal', 'escalation', 'conditional'].includes(n.event.type)) err('UNSUPPORTED_ELEMENT', n.id, `Boundary event ${label} harus timer, pesan, sinyal, kondisi, eskalasi atau error`);
        if (n.event.type === 'escalation' && n.attachedTo && !escalationSource(model.nodes[n.attachedTo])) {
          err('UNSUPPORTED_ELEMENT', n.id, `Boundary eskalasi ${label} hanya dapat menempel pada sub-process, call activity atau multi-instance yang melempar eskalasi (hanya di sana eskalasi dilempar)`);
        }
        if (n.event.type === 'error' && !n.cancelActivity) err('UNSUPPORTED_ELEMENT', n.id, `Boundary error ${label} selalu interrupting`);
        break;
      case 'eventBasedGateway':
        for (const f of n.outgoing) {
          const t = model.nodes[model.flows[f].target];
          const ok = (t.kind === 'intermediateCatchEvent' && ['timer', 'message', 'signal'].includes(t.event.type)) || t.kind === 'receiveTask';
          if (!ok) err('EVENT_GATEWAY_TARGET', n.id, `Event-based gateway ${label} hanya boleh menuju timer/pesan/sinyal catch event atau receive task`);
        }
        break;
      case 'exclusiveGateway':
      case 'inclusiveGateway':
        if (n.outgoing.length > 1) {
          for (const f of n.outgoing) {
            const invalid = errors.some((e) => e.element === f && e.code === 'CONDITION_INVALID');
            if (f !== n.defaultFlow && !model.flows[f].condition && !invalid) {
              err('FLOW_WITHOUT_CONDITION', f, `Alur "${model.flows[f].name || f}" dari gateway ${label} perlu kondisi atau ditandai default`);
            }
          }
        }
        break;
      default:
        break;
    }
    if (n.event.type === 'timer' && n.event.timer.type === 'cycle' && n.event.timer.start && !(n.kind === 'startEvent' && n.parent === null)) {
      err('TIMER_INVALID', n.id, `Siklus dengan tanggal mulai pada ${label} hanya berlaku untuk timer start event: di sini siklus dihitung sejak token tiba`);
    }
    if (n.kind === 'task') warn('ABSTRACT_TASK', n.id, `Task ${label} tanpa tipe dilewati begitu saja: jadikan user task bila perlu dikerjakan`);
    const linkCatch = n.kind === 'intermediateCatchEvent' && n.event.type === 'link';
    const linkThrow = n.kind === 'intermediateThrowEvent' && n.event.type === 'link';
    if (linkThrow && n.outgoing.length > 0) err('LINK_INVALID', n.id, `Link throw ${label} tidak boleh memiliki alur keluar: token berlanjut di link catch`);
    if (linkCatch && n.incoming.length > 0) err('LINK_INVALID', n.id, `Link catch ${label} tidak boleh memiliki alur masuk`);
    const byEvent = n.kind === 'eventSubProcess';
    if (n.incoming.length === 0 && n.kind !== 'startEvent' && n.kind !== 'boundaryEvent' && !linkCatch && !byEvent) warn('UNREACHABLE', n.id, `${label} tidak memiliki alur masuk`);
    if (n.outgoing.length === 0 && n.kind !== 'endEvent' && !linkThrow && !byEvent) {
      warn('IMPLICIT_END', n.id, `${label} tidak memiliki alur keluar (berakhir diam-diam)`);
    }
    if (n.multiInstance?.collection && n.multiInstance.elementVariable === undefined) {
      warn('MI_ELEMENT_VARIABLE', n.id, `Multi-instance ${label} tanpa sop:elementVariable: elemen tersedia sebagai "item"`);
    }
  }
  const seen = new Set<string>();
  const unique = errors.filter((e) => {
    const k = `${e.element ?? ''}:${e.code}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  return { errors: unique, warnings, model };
}
