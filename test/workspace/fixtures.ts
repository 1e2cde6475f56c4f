import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/index.js';
import { publish, saveDraft } from '../../server/services/store.js';

export const PROCESS_KEY = 'uji-reklame';
export const REQUIREMENTS_KEY = 'uji-reklame-persyaratan';

const cond = (fact: string, value: unknown) => `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="json-rules-engine"><![CDATA[${JSON.stringify({ all: [{ fact, operator: 'equal', value }] })}]]></bpmn:conditionExpression>`;

/** A small reklame-like SOP: applicant applies, loket checks (lengkap / tidak lengkap → applicant completes), fee, camat signs. */
export const workspaceProcessXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:sop="https://sop-studio.id/schema/bpmn/sop/1.0" id="defs_uji" targetNamespace="https://sop-studio.id/test" sop:agency="kecamatan-kaloran">
<bpmn:process id="${PROCESS_KEY}" name="Izin reklame (uji)" isExecutable="true" sop:starterRoles="pemohon petugas-loket" sop:requirementsRuleSet="${REQUIREMENTS_KEY}">
  <bpmn:laneSet id="ls">
    <bpmn:lane id="l_pemohon" name="Pemohon" sop:role="pemohon"><bpmn:flowNodeRef>start</bpmn:flowNodeRef><bpmn:flowNodeRef>lengkapi</bpmn:flowNodeRef></bpmn:lane>
    <bpmn:lane id="l_loket" name="Petugas loket" sop:role="petugas-loket"><bpmn:flowNodeRef>periksa</bpmn:flowNodeRef><bpmn:flowNodeRef>gw</bpmn:flowNodeRef><bpmn:flowNodeRef>hitung</bpmn:flowNodeRef></bpmn:lane>
    <bpmn:lane id="l_camat" name="Camat" sop:role="camat"><bpmn:flowNodeRef>ttd</bpmn:flowNodeRef><bpmn:flowNodeRef>end</bpmn:flowNodeRef></bpmn:lane>
  </bpmn:laneSet>
  <bpmn:startEvent id="start" name="Permohonan diajukan" />
  <bpmn:userTask id="periksa" name="Memeriksa kelengkapan berkas" sop:duration="PT1H" sop:documents="ktp akta" sop:instruction="Periksa KTP dan akta pendirian" sop:output="Tanda terima" />
  <bpmn:exclusiveGateway id="gw" name="Berkas lengkap?" />
  <bpmn:userTask id="lengkapi" name="Melengkapi berkas" sop:duration="P1D" />
  <bpmn:businessRuleTask id="hitung" name="Menghitung retribusi" sop:ruleSet="kaloran-reklame" sop:resultVariable="nota" />
  <bpmn:userTask id="ttd" name="Menandatangani izin" sop:duration="PT30M" />
  <bpmn:endEvent id="end" name="Izin terbit" />
  <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="periksa" />
  <bpmn:sequenceFlow id="f2" sourceRef="periksa" targetRef="gw" />
  <bpmn:sequenceFlow id="f_ok" name="Lengkap" sourceRef="gw" targetRef="hitung">${cond('berkasLengkap', true)}</bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="f_no" name="Tidak lengkap" sourceRef="gw" targetRef="lengkapi">${cond('berkasLengkap', false)}</bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="f3" sourceRef="lengkapi" targetRef="periksa" />
  <bpmn:sequenceFlow id="f4" sourceRef="hitung" targetRef="ttd" />
  <bpmn:sequenceFlow id="f5" sourceRef="ttd" targetRef="end" />
</bpmn:process>
</bpmn:definitions>`;

export const requirementsRuleSet = {
  key: REQUIREMENTS_KEY,
  title: 'Persyaratan izin reklame (uji)',
  kind: 'requirements',
  legalBasis: [{ regulation: 'SOP Kaloran 2014' }],
  facts: { type: 'object', properties: { jenis: { type: 'string', title: 'Jenis reklame' } } },
  versions: [
    {
      effectiveFrom: '2014-01-01',
      rules: [
        { name: 'KTP', event: { type: 'document', params: { code: 'ktp', label: 'Fotokopi KTP', required: true, upload: true } } },
        { name: 'Akta', event: { type: 'document', params: { code: 'akta', label: 'Akta pendirian', required: true, upload: true } } },
      ],
    },
  ],
  tests: [{ name: 'KTP dan akta selalu diminta', at: '2025-03-01', facts: {}, expect: { documents: ['ktp', 'akta'] } }],
};

async function put(db: Kysely<Database>, kind: 'process' | 'ruleset', key: string, content: string): Promise<void> {
  await saveDraft(db, { kind, key, content, actor: 'test' });
  try {
    await publish(db, { kind, key, actor: 'test' });
  } catch (e) {
    throw new Error(`publish ${key}: ${JSON.stringify((e as { details?: unknown }).details)}`);
  }
}

/** Publishes the test process, its requirement rule set and the real kaloran-reklame fee set. */
export async function publishWorkspaceFixtures(db: Kysely<Database>): Promise<void> {
  const { readFile } = await import('node:fs/promises');
  await put(db, 'ruleset', 'kaloran-reklame', await readFile(new URL('../../rules/kaloran-reklame.json', import.meta.url), 'utf8'));
  await put(db, 'ruleset', REQUIREMENTS_KEY, JSON.stringify(requirementsRuleSet));
  await put(db, 'process', PROCESS_KEY, workspaceProcessXml);
}

export const PDF_BYTES = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')]);
export const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e90000000049454e44ae426082', 'hex');

/** A multipart/form-data body with one file part (what a browser sends). */
export function multipart(filename: string, bytes: Buffer, contentType = 'application/octet-stream'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----sopstudio' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${filename}"\r\ncontent-type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, bytes, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
