import { BpmnModdle } from 'bpmn-moddle';
import sopDescriptor from '../../../runtime/moddle/sop.json' with { type: 'json' };
import { AppError } from '../../errors.js';
import type { Issue } from './content-validation.js';

export interface ParsedBpmn {
  /** name of the first process (or the definitions' name) */
  name: string | undefined;
  agency: string | undefined;
  /** the first process's `sop:sopNumber` (its place in the SOP order) */
  sopNumber: string | undefined;
  status: string | undefined;
  processIds: string[];
  warnings: Issue[];
}

const UNSAFE = /<!DOCTYPE|<!ENTITY/i;

/**
 * The store's own check of a BPMN document: safe, well-formed, BPMN 2.0 definitions.
 * Deeper checks (lint, executable elements) are content validators.
 */
export async function parseBpmn(xml: string): Promise<ParsedBpmn> {
  if (UNSAFE.test(xml)) {
    throw new AppError('XML_UNSAFE', 'Dokumen XML dengan DOCTYPE atau deklarasi entitas ditolak', { reason: 'doctype-or-entity' });
  }
  const head = xml.replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('<')) throw new AppError('XML_INVALID', 'Isi bukan dokumen XML');
  const moddle = new BpmnModdle({ sop: sopDescriptor });
  let parsed: Awaited<ReturnType<typeof moddle.fromXML>>;
  try {
    parsed = await moddle.fromXML(xml, 'bpmn:Definitions');
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const notBpmn = /unparsable content|unknown type|failed to parse document as <bpmn:Definitions>/i.test(message);
    throw new AppError(notBpmn ? 'NOT_BPMN' : 'XML_INVALID', notBpmn ? 'Dokumen bukan BPMN 2.0 (akar harus bpmn:definitions)' : 'XML tidak valid', {
      reason: message.split('\n')[0],
    });
  }
  const root = parsed.rootElement as unknown as {
    $type: string;
    name?: string;
    rootElements?: Array<{ $type: string; id: string; name?: string; get?(name: string): unknown }>;
    $attrs?: Record<string, string>;
    get(name: string): unknown;
  };
  if (!root || root.$type !== 'bpmn:Definitions') throw new AppError('NOT_BPMN', 'Akar dokumen harus bpmn:definitions');
  const processes = (root.rootElements ?? []).filter((e) => e.$type === 'bpmn:Process');
  const warnings: Issue[] = parsed.warnings.map((w: { message: string }) => ({ code: 'XML_WARNING', message: w.message.split('\n')[0] }));
  // Unknown elements or attributes are dropped by the parser: a document with them would
  // not round-trip, so they refuse here rather than vanish silently.
  const errors = warnings.filter((w) => /unparsable content|unknown type|unresolved reference/i.test(w.message));
  if (errors.length > 0) throw new AppError('NOT_BPMN', 'Dokumen BPMN memuat bagian yang tidak dikenali', { errors });
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
  return {
    name: processes[0]?.name ?? root.name,
    agency: str(root.get('sop:agency')),
    sopNumber: str(processes[0]?.get?.('sop:sopNumber')),
    status: str(root.get('sop:status')),
    processIds: processes.map((p) => p.id),
    warnings,
  };
}
