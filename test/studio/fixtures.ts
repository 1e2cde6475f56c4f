import { readFileSync } from 'node:fs';
import { initialChoices } from '../../studio/features/import/role-mapping.js';
import { importSopTable, performersOf } from '../../studio/features/import/sop-import.js';
import { parseSopTable } from '../../studio/features/import/sop-table.js';

/** A small Samsat-like SOP (registration → korektor → kasir) as the studio would create it. */
export const SAMSAT_LIKE_TABLE = `No\tKegiatan\tPelaksana\tPersyaratan\tWaktu\tOutput
1\tMenerima dan memeriksa berkas\tPetugas Pendaftaran\tKTP, STNK, BPKB\t5 menit\tBerkas lengkap
2\tMengoreksi penetapan PKB\tKorektor\t\t3 menit\tNota koreksi
3\tMenerima pembayaran\tKasir\t\t2 menit\tBukti bayar
4\tMenerima STNK dan bukti bayar\tWajib Pajak\t\t1 menit\tSTNK`;

export const SAMSAT_ROLES = ['petugas-pendaftaran', 'korektor', 'kasir', 'pemohon'];

/**
 * The model of SAMSAT_LIKE_TABLE as the first importer wrote it (one line per element), kept as a
 * file: the fragments below edit it by text, so it must not change when the importer's output does.
 */
export function samsatLikeXml(): string {
  return readFileSync(new URL('../fixtures/samsat-like.bpmn', import.meta.url), 'utf8');
}

/** A gateway fragment inserted after the korektor task for the gateway-condition checks. */
export function withDecision(xml: string, conditions: { yes?: string; no?: string; defaultFlow?: boolean }): string {
  const cond = (c?: string) => (c ? `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="json-rules-engine">${c}</bpmn:conditionExpression>` : '');
  const out = xml
    .replace('xmlns:bpmn=', 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:bpmn=')
    .replace('<bpmn:sequenceFlow id="Flow_3" sourceRef="Task_2" targetRef="Task_3" />',
      `<bpmn:sequenceFlow id="Flow_3" sourceRef="Task_2" targetRef="Gw_1" />
    <bpmn:exclusiveGateway id="Gw_1" name="Benar?"${conditions.defaultFlow ? ' default="Flow_no"' : ''}><bpmn:incoming>Flow_3</bpmn:incoming><bpmn:outgoing>Flow_yes</bpmn:outgoing><bpmn:outgoing>Flow_no</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:sequenceFlow id="Flow_yes" name="Ya" sourceRef="Gw_1" targetRef="Task_3">${cond(conditions.yes)}</bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Flow_no" name="Tidak" sourceRef="Gw_1" targetRef="Task_1">${cond(conditions.no)}</bpmn:sequenceFlow>`)
    .replace('<bpmn:outgoing>Flow_3</bpmn:outgoing></bpmn:userTask>', '<bpmn:outgoing>Flow_3</bpmn:outgoing></bpmn:userTask>')
    .replace('<bpmn:incoming>Flow_3</bpmn:incoming><bpmn:outgoing>Flow_4</bpmn:outgoing>', '<bpmn:incoming>Flow_yes</bpmn:incoming><bpmn:outgoing>Flow_4</bpmn:outgoing>')
    .replace('<bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing>', '<bpmn:incoming>Flow_1</bpmn:incoming><bpmn:incoming>Flow_no</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing>')
    .replace('<bpmn:flowNodeRef>Task_2</bpmn:flowNodeRef>', '<bpmn:flowNodeRef>Task_2</bpmn:flowNodeRef><bpmn:flowNodeRef>Gw_1</bpmn:flowNodeRef>')
    .replace(/(<bpmndi:BPMNShape id="Task_3_di"[^\n]*\n)/, `$1      <bpmndi:BPMNShape id="Gw_1_di" bpmnElement="Gw_1" isMarkerVisible="true"><dc:Bounds x="545" y="275" width="50" height="50" /></bpmndi:BPMNShape>\n`)
    .replace(/<bpmndi:BPMNEdge id="Flow_3_di"[^\n]*/, '<bpmndi:BPMNEdge id="Flow_3_di" bpmnElement="Flow_3"><di:waypoint x="520" y="300" /><di:waypoint x="545" y="300" /></bpmndi:BPMNEdge><bpmndi:BPMNEdge id="Flow_yes_di" bpmnElement="Flow_yes"><di:waypoint x="595" y="300" /><di:waypoint x="660" y="300" /></bpmndi:BPMNEdge><bpmndi:BPMNEdge id="Flow_no_di" bpmnElement="Flow_no"><di:waypoint x="570" y="325" /><di:waypoint x="320" y="180" /></bpmndi:BPMNEdge>');
  return out;
}

/** The words the import page passes in Bahasa Indonesia. */
export const IMPORT_TEXTS = {
  requirementsTitle: 'Persyaratan',
  legalBasis: 'Tabel SOP yang diimpor (dasar hukum perlu dilengkapi)',
  testName: 'Semua persyaratan',
  source: 'Tabel SOP',
  requirementsLabel: 'Kelengkapan',
  noteLabel: 'Keterangan',
};

/** A pasted table as the importer turns it into a model, each performer mapped to the catalogue's role where one agrees. */
export function xmlFromTable(table: string, opts: { key: string; name: string; agency?: string; roles?: string[] }): string {
  const parsed = parseSopTable(table);
  const catalogue = (opts.roles ?? []).map((key) => ({ key, name: key }));
  const roles = initialChoices(performersOf(parsed.rows, parsed.performers), catalogue);
  return importSopTable(parsed.rows, { key: opts.key, name: opts.name, agency: opts.agency, roles, performers: parsed.performers, effectiveFrom: '2026-01-01', texts: IMPORT_TEXTS }).xml;
}
