/**
 * The properties panel's "SOP" group for the `sop` moddle extension. Every write goes through
 * `modeling.updateProperties` / `updateModdleProperties` (commands), so undo/redo, lint and the
 * local-draft autosave all see it. Written with preact's `h` because the panel is preact.
 */
import { h } from '@bpmn-io/properties-panel/preact';
import { isSelectEntryEdited, isTextAreaEntryEdited, isTextFieldEntryEdited, SelectEntry, TextAreaEntry, TextFieldEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { EVENT_KEYS, NOTIFICATION_EVENTS } from '../../../core/notification-events.js';
import type { MessageKey } from '../../i18n/index.js';
import { parseDuration } from '../../../core/duration.js';
import { readSlaText, slaText } from '../iso-duration.js';
import type { SopContext, PickerOption } from '../sop-context.js';
import type { Modeling } from '../services.js';
import { conditionBody, enclosingProcess, is, processOf, signalOf, str, timerOf, type BusinessObject, type Shape } from './bpmn-element.js';

interface BpmnFactory { create(type: string, attrs?: Record<string, unknown>): BusinessObject }
type Validate = (value: string) => string | undefined;

interface EntryProps { element: Shape; id: string }

const ISO_8601_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?$/;
const ISO_CYCLE = /^R\d*\/.+/;

/** A text attribute on `target(element)` (the shape's own business object by default). */
function textEntry(opts: {
  id: string;
  attr: string;
  label: (ctx: SopContext) => string;
  description?: (ctx: SopContext) => string;
  target?: (element: Shape) => BusinessObject | undefined;
  validate?: (ctx: SopContext) => Validate;
  area?: boolean;
}) {
  function Component({ element, id }: EntryProps) {
    const modeling = useService('modeling') as Modeling;
    const debounce = useService('debounceInput') as (fn: unknown) => unknown;
    const ctx = useService('sopContext') as SopContext;
    const target = (opts.target ?? ((el: Shape) => el.businessObject))(element);
    if (!target) return null;
    return h(opts.area ? TextAreaEntry : TextFieldEntry, {
      element,
      id,
      label: opts.label(ctx),
      description: opts.description?.(ctx),
      debounce,
      rows: 3,
      validate: opts.validate?.(ctx),
      getValue: () => str(target.get(opts.attr)),
      setValue: (value: string) => {
        const v = value && value.trim() ? value : undefined;
        if (target === element.businessObject) modeling.updateProperties(element, { [opts.attr]: v });
        else modeling.updateModdleProperties(element, target, { [opts.attr]: v });
      },
    });
  }
  return { id: opts.id, component: Component, isEdited: opts.area ? isTextAreaEntryEdited : isTextFieldEntryEdited };
}

/** A picker over one of sopContext's option lists, keeping an unknown current value visible. */
function selectEntry(opts: {
  id: string;
  attr: string;
  label: (ctx: SopContext) => string;
  options: (ctx: SopContext) => PickerOption[];
  target?: (element: Shape) => BusinessObject | undefined;
  /** what the empty value means (default: "none") */
  noneLabel?: (ctx: SopContext) => string;
}) {
  function Component({ element, id }: EntryProps) {
    const modeling = useService('modeling') as Modeling;
    const ctx = useService('sopContext') as SopContext;
    const target = (opts.target ?? ((el: Shape) => el.businessObject))(element);
    if (!target) return null;
    const current = str(target.get(opts.attr));
    return h(SelectEntry, {
      element,
      id,
      label: opts.label(ctx),
      getValue: () => current,
      setValue: (value: string) => {
        const v = value || undefined;
        if (target === element.businessObject) modeling.updateProperties(element, { [opts.attr]: v });
        else modeling.updateModdleProperties(element, target, { [opts.attr]: v });
      },
      getOptions: () => {
        const list = [{ value: '', label: opts.noneLabel ? opts.noneLabel(ctx) : ctx.t('props.none') }, ...opts.options(ctx)];
        if (current && !list.some((o) => o.value === current)) list.push({ value: current, label: `${current} (?)` });
        return list;
      },
    });
  }
  return { id: opts.id, component: Component, isEdited: isSelectEntryEdited };
}

/**
 * The step's SLA (`sop:duration`, ISO 8601 in the model) shown and typed in words: "15 menit",
 * "2 jam", "3 hari kerja". Text that is not (yet) a duration is kept as typed, so the field
 * shows why and lint flags the step until it is one.
 */
function SlaEntry({ element, id }: EntryProps) {
  const modeling = useService('modeling') as Modeling;
  const debounce = useService('debounceInput') as (fn: unknown) => unknown;
  const ctx = useService('sopContext') as SopContext;
  const bo = element.businessObject;
  return h(TextFieldEntry, {
    element,
    id,
    label: ctx.t('props.duration'),
    description: ctx.t('props.durationHelp'),
    debounce,
    validate: (v: string | undefined) => (v && !readSlaText(v) ? ctx.t('props.durationInvalid') : undefined),
    getValue: () => {
      const stored = str(bo.get('sop:duration'));
      return slaText(stored) ?? stored;
    },
    // the panel hands an emptied field over as undefined
    setValue: (value: string | undefined) => {
      const v = (value ?? '').trim();
      modeling.updateProperties(element, { 'sop:duration': v ? readSlaText(v) ?? v : undefined });
    },
  });
}

function ConditionEntry({ element, id }: EntryProps) {
  const ctx = useService('sopContext') as SopContext;
  // A flow's condition, a conditional event's, or a complex gateway's activation condition.
  const body = conditionBody(element.businessObject);
  const label = is(element.businessObject, 'bpmn:ComplexGateway') ? ctx.t('props.activationCondition') : ctx.t('props.condition');
  return h('div', { class: 'bio-properties-panel-entry', 'data-entry-id': id }, [
    h('div', { class: 'bio-properties-panel-label' }, label),
    h('code', { class: 'sop-condition-summary', style: 'display:block;white-space:pre-wrap;font-size:11px;margin:4px 0' }, body || ctx.t('props.conditionNone')),
    h('button', { type: 'button', class: 'sop-condition-edit', onClick: () => ctx.requestEditor('condition', element) }, ctx.t('props.conditionEdit')),
  ]);
}

function FormDesignerEntry({ element, id }: EntryProps) {
  const ctx = useService('sopContext') as SopContext;
  return h('div', { class: 'bio-properties-panel-entry', 'data-entry-id': id }, [
    h('button', { type: 'button', class: 'sop-form-edit', onClick: () => ctx.requestEditor('form', element) }, ctx.t('editor.formDesigner')),
  ]);
}

const DocumentCodesEntry = textEntry({ id: 'sop-documents', attr: 'sop:documents', label: (c) => c.t('props.documentCodes') }).component;

/**
 * The documents a step sees (`sop:documents`, codes separated by spaces), ticked from the
 * process's requirement set by their names; a code the set does not have stays listed, marked.
 * Without a requirement set (or while it loads) the codes are typed.
 */
function DocumentsEntry({ element, id }: EntryProps) {
  const modeling = useService('modeling') as Modeling;
  const ctx = useService('sopContext') as SopContext;
  const proc = enclosingProcess(element.businessObject);
  const ruleSet = proc ? str(proc.get('sop:requirementsRuleSet')) : '';
  const options = ruleSet ? ctx.documentsFor(ruleSet) : undefined;
  if (!options) return h(DocumentCodesEntry, { element, id });
  const chosen = str(element.businessObject.get('sop:documents')).split(/\s+/).filter(Boolean);
  const list = [...options, ...chosen.filter((c) => !options.some((o) => o.value === c)).map((c) => ({ value: c, label: ctx.t('props.documentUnknown', { code: c }) }))];
  const toggle = (code: string, on: boolean) => {
    const next = on ? [...chosen, code] : chosen.filter((c) => c !== code);
    // keep the requirement set's order, unknown codes last
    const ordered = list.map((o) => o.value).filter((c) => next.includes(c));
    modeling.updateProperties(element, { 'sop:documents': ordered.length ? ordered.join(' ') : undefined });
  };
  return h('div', { class: 'bio-properties-panel-entry', 'data-entry-id': id }, [
    h('div', { class: 'bio-properties-panel-label' }, ctx.t('props.documents', { set: ruleSet })),
    ...list.map((o) =>
      h('label', { class: 'sop-document-option', style: 'display:flex;gap:6px;align-items:flex-start;margin:2px 0;font-size:12px' }, [
        h('input', { type: 'checkbox', value: o.value, checked: chosen.includes(o.value), onChange: (e: Event) => toggle(o.value, (e.target as HTMLInputElement).checked) }),
        h('span', null, o.label),
      ]),
    ),
    options.length ? null : h('div', { class: 'bio-properties-panel-description' }, ctx.t('props.documentsNone')),
  ]);
}

type TimerKind = 'timeDuration' | 'timeDate' | 'timeCycle';
const TIMER_KINDS: TimerKind[] = ['timeDuration', 'timeDate', 'timeCycle'];

function timerKind(def: BusinessObject): TimerKind {
  return TIMER_KINDS.find((k) => def.get(k)) ?? 'timeDuration';
}

function TimerTypeEntry({ element, id }: EntryProps) {
  const modeling = useService('modeling') as Modeling;
  const bpmnFactory = useService('bpmnFactory') as BpmnFactory;
  const ctx = useService('sopContext') as SopContext;
  const def = timerOf(element.businessObject)!;
  return h(SelectEntry, {
    element,
    id,
    label: ctx.t('props.timerType'),
    getValue: () => timerKind(def),
    setValue: (kind: TimerKind) => {
      const old = def.get(timerKind(def)) as BusinessObject | undefined;
      const body = old ? str(old.get('body')) : '';
      modeling.updateModdleProperties(element, def, {
        timeDuration: undefined, timeDate: undefined, timeCycle: undefined,
        [kind]: bpmnFactory.create('bpmn:FormalExpression', { body }),
      });
    },
    getOptions: () => TIMER_KINDS.map((k) => ({ value: k, label: ctx.t(`props.timer.${k}`) })),
  });
}

function TimerValueEntry({ element, id }: EntryProps) {
  const modeling = useService('modeling') as Modeling;
  const bpmnFactory = useService('bpmnFactory') as BpmnFactory;
  const debounce = useService('debounceInput') as (fn: unknown) => unknown;
  const ctx = useService('sopContext') as SopContext;
  const def = timerOf(element.businessObject)!;
  const kind = timerKind(def);
  const expr = def.get(kind) as BusinessObject | undefined;
  return h(TextFieldEntry, {
    element,
    id,
    debounce,
    label: ctx.t('props.timerValue'),
    description: kind === 'timeDuration' ? ctx.t('props.timerDurationHelp') : kind === 'timeDate' ? '2025-01-05T08:00:00+07:00' : 'R3/PT1H',
    validate: (v: string) => {
      if (!v) return undefined;
      const ok = kind === 'timeDuration' ? !!parseDuration(v) : kind === 'timeDate' ? ISO_8601_DATE.test(v) : ISO_CYCLE.test(v);
      return ok ? undefined : ctx.t('props.timerInvalid');
    },
    getValue: () => (expr ? str(expr.get('body')) : ''),
    setValue: (value: string) => {
      if (expr) modeling.updateModdleProperties(element, expr, { body: value });
      else modeling.updateModdleProperties(element, def, { [kind]: bpmnFactory.create('bpmn:FormalExpression', { body: value }) });
    },
  });
}

type Entry = { id: string; component: (p: EntryProps) => unknown; isEdited?: unknown };

/** Which entries a shape gets; exported for the component test. */
function sopEntries(element: Shape): Entry[] {
  const bo = element.businessObject;
  const entries: Entry[] = [];
  const proc = processOf(element);
  if (proc) {
    entries.push(
      textEntry({ id: 'sop-starterRoles', attr: 'sop:starterRoles', label: (c) => c.t('props.starterRoles'), target: () => proc }),
      selectEntry({ id: 'sop-requirementsRuleSet', attr: 'sop:requirementsRuleSet', label: (c) => c.t('props.requirementsRuleSet'), options: (c) => c.ruleSets, target: () => proc }),
    );
  }
  if (is(bo, 'bpmn:Lane')) {
    entries.push(
      selectEntry({ id: 'sop-role', attr: 'sop:role', label: (c) => c.t('props.role'), options: (c) => c.roles }),
      textEntry({ id: 'sop-lane-office', attr: 'sop:office', label: (c) => c.t('props.office') }),
      selectEntry({ id: 'sop-supervisorRole', attr: 'sop:supervisorRole', label: (c) => c.t('props.supervisorRole'), options: (c) => c.roles }),
    );
  }
  if (is(bo, 'bpmn:Activity')) {
    entries.push(
      { id: 'sop-duration', component: SlaEntry, isEdited: isTextFieldEntryEdited },
      // Empty = the SOP's time is working time of the office (the default); "calendar" = wall clock.
      selectEntry({
        id: 'sop-calendar',
        attr: 'sop:calendar',
        label: (c) => c.t('props.calendar'),
        noneLabel: (c) => c.t('props.calendarWorking'),
        options: (c) => [{ value: 'calendar', label: c.t('props.calendarWall') }],
      }),
    );
    if (is(bo, 'bpmn:UserTask')) {
      entries.push(textEntry({ id: 'sop-form', attr: 'sop:form', label: (c) => c.t('props.form'), area: true }), { id: 'sop-form-designer', component: FormDesignerEntry });
    }
    if (!is(bo, 'bpmn:SubProcess')) {
      entries.push(
        { id: 'sop-documents', component: DocumentsEntry },
        textEntry({ id: 'sop-output', attr: 'sop:output', label: (c) => c.t('props.output') }),
        textEntry({ id: 'sop-instruction', attr: 'sop:instruction', label: (c) => c.t('props.instruction'), area: true }),
        textEntry({ id: 'sop-office', attr: 'sop:office', label: (c) => c.t('props.office') }),
      );
    }
    if (is(bo, 'bpmn:BusinessRuleTask')) {
      entries.push(
        selectEntry({ id: 'sop-ruleSet', attr: 'sop:ruleSet', label: (c) => c.t('props.ruleSet'), options: (c) => c.ruleSets }),
        textEntry({ id: 'sop-resultVariable', attr: 'sop:resultVariable', label: (c) => c.t('props.resultVariable') }),
        textEntry({ id: 'sop-facts', attr: 'sop:facts', label: (c) => c.t('props.facts') }),
      );
    }
    if (is(bo, 'bpmn:ServiceTask') || is(bo, 'bpmn:SendTask')) {
      entries.push(selectEntry({ id: 'sop-handler', attr: 'sop:handler', label: (c) => c.t('props.handler'), options: (c) => c.handlers }));
    }
    if (is(bo, 'bpmn:CallActivity')) {
      entries.push(
        selectEntry({ id: 'sop-calledElement', attr: 'calledElement', label: (c) => c.t('props.calledElement'), options: (c) => c.processes }),
        textEntry({ id: 'sop-inputs', attr: 'sop:inputs', label: (c) => c.t('props.inputs') }),
        textEntry({ id: 'sop-outputs', attr: 'sop:outputs', label: (c) => c.t('props.outputs') }),
      );
    }
    const loop = bo.get('loopCharacteristics') as BusinessObject | undefined;
    if (loop && loop.$type === 'bpmn:MultiInstanceLoopCharacteristics') {
      entries.push(
        textEntry({ id: 'sop-collection', attr: 'sop:collection', label: (c) => c.t('props.collection'), target: () => loop }),
        textEntry({ id: 'sop-elementVariable', attr: 'sop:elementVariable', label: (c) => c.t('props.elementVariable'), target: () => loop }),
      );
    }
  }
  if (is(bo, 'bpmn:SequenceFlow')) {
    const source = bo.get('sourceRef') as BusinessObject | undefined;
    if (source && (is(source, 'bpmn:ExclusiveGateway') || is(source, 'bpmn:InclusiveGateway') || is(source, 'bpmn:Activity'))) {
      entries.push({ id: 'sop-condition', component: ConditionEntry });
    }
  }
  // Conditional events (catch, boundary, event sub-process start) and complex gateways: the same builder.
  if ((is(bo, 'bpmn:Event') && hasConditional(bo)) || is(bo, 'bpmn:ComplexGateway')) {
    entries.push({ id: 'sop-condition', component: ConditionEntry });
  }
  if (is(bo, 'bpmn:Event') && timerOf(bo)) {
    entries.push({ id: 'sop-timer-type', component: TimerTypeEntry, isEdited: isSelectEntryEdited }, { id: 'sop-timer-value', component: TimerValueEntry, isEdited: isTextFieldEntryEdited });
    // A process-level timer start has no applicant and no variables: it names its offices outright.
    if (is(bo, 'bpmn:StartEvent') && !is(bo.$parent, 'bpmn:SubProcess')) {
      entries.push(textEntry({ id: 'sop-start-office', attr: 'sop:office', label: (c) => c.t('props.startOffice'), description: (c) => c.t('props.startOfficeHelp') }));
    }
  }
  // The applicant event raised when a token reaches this element or takes this flow (runtime: sop:notify).
  if (is(bo, 'bpmn:FlowNode') || is(bo, 'bpmn:SequenceFlow')) {
    if (!is(bo, 'bpmn:Gateway')) {
      entries.push(
        selectEntry({
          id: 'sop-notify',
          attr: 'sop:notify',
          label: (c) => c.t('props.notify'),
          options: (c) => EVENT_KEYS.filter((k) => NOTIFICATION_EVENTS[k].audience === 'applicant').map((k) => ({ value: k, label: c.t(`notifications.event.${k}` as MessageKey) })),
        }),
      );
    }
  }
  // Who may send the signal through POST /api/signals: kept on the bpmn:Signal itself, so every
  // event of every model naming that signal agrees.
  const signal = is(bo, 'bpmn:Event') ? signalOf(bo) : undefined;
  if (signal) {
    entries.push(textEntry({ id: 'sop-signal-senders', attr: 'sop:senders', label: (c) => c.t('props.signalSenders'), description: (c) => c.t('props.signalSendersHelp'), target: () => signal }));
  }
  return entries;
}

function hasConditional(bo: BusinessObject): boolean {
  const defs = bo.get('eventDefinitions');
  return Array.isArray(defs) && (defs as BusinessObject[]).some((d) => d.$type === 'bpmn:ConditionalEventDefinition');
}

interface Group { id: string; label: string; entries: Entry[] }
interface PropertiesPanelLike { registerProvider(priority: number, provider: unknown): void }

class SopPropertiesProvider {
  static $inject = ['propertiesPanel', 'sopContext'];

  constructor(propertiesPanel: PropertiesPanelLike, private readonly ctx: SopContext) {
    propertiesPanel.registerProvider(500, this);
  }

  getGroups(element: Shape) {
    return (groups: Group[]): Group[] => {
      const entries = sopEntries(element);
      if (entries.length) groups.splice(1, 0, { id: 'sop', label: this.ctx.t('props.group'), entries });
      return groups;
    };
  }
}

export const SopPropertiesProviderModule = {
  __init__: ['sopPropertiesProvider'],
  sopPropertiesProvider: ['type', SopPropertiesProvider],
};
