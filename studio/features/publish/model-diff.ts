/**
 * What changed between two versions of a process, in the administrator's words: shapes
 * added/removed/changed (for highlighting on the canvas) and one line per property change
 * (role, SLA, condition, name, form, …). Built on bpmn-js-differ over bpmn-moddle trees.
 */
import { BpmnModdle } from 'bpmn-moddle';
import { diff } from 'bpmn-js-differ';
import sopDescriptor from '../../../runtime/moddle/sop.json' with { type: 'json' };

export interface PropertyChange {
  element: string;
  elementName?: string;
  elementType: string;
  /** attribute as in the XML: 'sop:role', 'sop:duration', 'condition', 'name', … */
  property: string;
  oldValue?: string;
  newValue?: string;
}

export interface ModelDiff {
  added: string[];
  removed: string[];
  changed: string[];
  layoutChanged: string[];
  properties: PropertyChange[];
}

interface ModdleLike {
  id?: string;
  name?: string;
  $type: string;
  get(name: string): unknown;
}

interface DifferEntry {
  model: ModdleLike;
  attrs: Record<string, { oldValue: unknown; newValue: unknown }>;
}

function text(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'object') {
    const o = v as { body?: unknown; id?: unknown; $type?: string };
    if (o.$type === 'bpmn:FormalExpression' || o.body !== undefined) return o.body === undefined ? undefined : String(o.body);
    if (o.id !== undefined) return String(o.id);
    return JSON.stringify(v);
  }
  return String(v);
}

export async function readDefinitions(xml: string): Promise<unknown> {
  const moddle = new BpmnModdle({ sop: sopDescriptor });
  const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
  return rootElement;
}

function collectConditions(defs: unknown): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  const walk = (el: ModdleLike) => {
    const flows = el.get('flowElements');
    if (!Array.isArray(flows)) return;
    for (const f of flows as ModdleLike[]) {
      if (f.$type === 'bpmn:SequenceFlow' && f.id) out.set(f.id, text(f.get('conditionExpression')));
      walk(f);
    }
  };
  for (const root of ((defs as ModdleLike).get('rootElements') as ModdleLike[]) ?? []) if (root.$type === 'bpmn:Process') walk(root);
  return out;
}

export async function diffModels(oldXml: string, newXml: string): Promise<ModelDiff> {
  const [a, b] = await Promise.all([readDefinitions(oldXml), readDefinitions(newXml)]);
  const result = diff(a, b) as {
    _added: Record<string, ModdleLike>;
    _removed: Record<string, ModdleLike>;
    _changed: Record<string, DifferEntry>;
    _layoutChanged: Record<string, ModdleLike>;
  };
  const properties: PropertyChange[] = [];
  const changed = new Set(Object.keys(result._changed));
  for (const [id, entry] of Object.entries(result._changed)) {
    // bpmn-js-differ 3 hands jsondiffpatch's [old, new] pair to changed(model, key, newValue,
    // oldValue), so its `oldValue` holds the new value: read them crosswise.
    for (const [attr, { oldValue: newValue, newValue: oldValue }] of Object.entries(entry.attrs)) {
      // Flow-node bookkeeping (incoming/outgoing, lane refs) shows up as its own add/remove.
      if (['incoming', 'outgoing', 'flowNodeRef', 'di', 'conditionExpression'].includes(attr)) continue;
      const o = text(oldValue);
      const n = text(newValue);
      if (o === n) continue;
      properties.push({ element: id, elementName: entry.model.name, elementType: entry.model.$type, property: attr, oldValue: o, newValue: n });
    }
  }
  // Conditions are nested FormalExpressions; compare their bodies directly so a condition edit
  // is one readable line instead of an opaque object change.
  const ca = collectConditions(a);
  const cb = collectConditions(b);
  for (const [id, body] of cb) {
    if (!ca.has(id) || ca.get(id) === body) continue;
    changed.add(id);
    properties.push({ element: id, elementType: 'bpmn:SequenceFlow', property: 'condition', oldValue: ca.get(id), newValue: body });
  }
  return {
    added: Object.keys(result._added),
    removed: Object.keys(result._removed),
    changed: [...changed],
    layoutChanged: Object.keys(result._layoutChanged),
    properties,
  };
}
