/**
 * The SOP flowchart table from a model (server/documents/sop-rows.ts), over every SOP of the
 * library and over a model with the elements the library does not use (parallel branches,
 * timers, messages, boundary events, sub-processes, call activities).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSopGraph } from '../../server/documents/sop-graph.js';
import { flattenSop } from '../../server/documents/sop-rows.js';

const PROCESSES = path.resolve(import.meta.dirname, '../../processes');

/** Tasks and lanes counted straight from the XML text, independently of the reader. */
function countFromXml(xml: string): { tasks: string[]; lanes: string[]; laneOf: Map<string, string> } {
  const tasks = [...xml.matchAll(/<bpmn:(userTask|businessRuleTask|serviceTask|callActivity|task|receiveTask|sendTask|manualTask)\b[^>]*\bid="([^"]+)"/g)].map((m) => m[2]!);
  const laneOf = new Map<string, string>();
  const lanes: string[] = [];
  for (const m of xml.matchAll(/<bpmn:lane\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/bpmn:lane>/g)) {
    lanes.push(m[1]!.replace(/&amp;/g, '&'));
    for (const r of m[2]!.matchAll(/<bpmn:flowNodeRef>([^<]+)<\/bpmn:flowNodeRef>/g)) laneOf.set(r[1]!, m[1]!);
  }
  return { tasks, lanes, laneOf };
}

describe('SOP table rows of every library SOP', async () => {
  const files = (await fs.readdir(PROCESSES)).filter((f) => f.endsWith('.bpmn')).sort();

  it('covers the whole library', () => expect(files.length).toBeGreaterThanOrEqual(26));

  it.each(files)('%s: one row per task in flow order, one column per lane, decisions with Ya/Tidak', async (file) => {
    const xml = await fs.readFile(path.join(PROCESSES, file), 'utf8');
    const expected = countFromXml(xml);
    const table = flattenSop(await readSopGraph(xml));
    expect(table.lanes.map((l) => l.name)).toEqual(expected.lanes);
    expect(table.rows.map((r) => r.id).sort()).toEqual([...expected.tasks].sort());
    expect(table.rows.map((r) => r.no)).toEqual(expected.tasks.map((_, i) => i + 1));
    for (const r of table.rows) {
      expect(table.lanes[r.lane]!.name, `${r.id} stands in its lane`).toBe(expected.laneOf.get(r.id));
      for (const t of r.next) if (t.to !== 'end') expect(t.to).toBeGreaterThanOrEqual(1);
      if (r.shape === 'decision') {
        expect(r.next.length).toBeGreaterThanOrEqual(2);
        if (r.next.length === 2) expect(r.next.map((t) => t.label).sort()).toEqual(['Tidak', 'Ya']);
      }
    }
    // The first row starts the flow (a capsule, or the diamond when it decides), and some row ends it.
    expect(['terminator', 'decision']).toContain(table.rows[0]!.shape);
    expect(table.rows.some((r) => r.next.some((t) => t.to === 'end'))).toBe(true);
    // Every row but the loops' targets is reached from an earlier row: the order follows the flow.
    for (const r of table.rows.slice(1)) {
      const fromEarlier = table.rows.some((p) => p.no < r.no && p.next.some((t) => t.to === r.no));
      expect(fromEarlier, `row ${r.no} ${r.id} follows an earlier row`).toBe(true);
    }
  });

  it('SOP 02: the Samsat columns in order, times as words, the payment SOP as a reference', async () => {
    const table = flattenSop(await readSopGraph(await fs.readFile(path.join(PROCESSES, 'samsat-02-pengesahan-tahunan.bpmn'), 'utf8')), {
      processName: (k) => (k === 'samsat-pembayaran' ? 'SOP Pembayaran' : undefined),
    });
    expect(table.lanes.map((l) => l.role)).toEqual(['petugas-pendaftaran', 'pemohon', 'petugas-kepolisian', 'petugas-penetapan', 'korektor', 'kasir']);
    expect(table.rows[0]!.waktu).toBe('5 menit');
    const check = table.rows.find((r) => r.activity === 'Memeriksa kelengkapan berkas')!;
    expect(check.shape).toBe('decision');
    expect(check.keterangan).toContain('Tidak (Tidak lengkap): kembali ke No. 1');
    const pay = table.rows.at(-1)!;
    expect(pay.keterangan).toContain('Lihat SOP "SOP Pembayaran" (samsat-pembayaran)');
    expect(pay.shape).toBe('terminator');
  });
});

const SYNTHETIC = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:sop="https://sop-studio.id/schema/bpmn/sop/1.0" id="D" targetNamespace="x">
  <bpmn:message id="Msg" name="hasil-survei" />
  <bpmn:process id="uji" name="Uji" isExecutable="true">
    <bpmn:laneSet id="LS">
      <bpmn:lane id="L1" name="Pemohon" sop:role="pemohon"><bpmn:flowNodeRef>s</bpmn:flowNodeRef><bpmn:flowNodeRef>a</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="L2" name="Petugas" sop:role="petugas-loket"><bpmn:flowNodeRef>split</bpmn:flowNodeRef><bpmn:flowNodeRef>b</bpmn:flowNodeRef><bpmn:flowNodeRef>c</bpmn:flowNodeRef><bpmn:flowNodeRef>join</bpmn:flowNodeRef><bpmn:flowNodeRef>wait</bpmn:flowNodeRef><bpmn:flowNodeRef>msg</bpmn:flowNodeRef><bpmn:flowNodeRef>d</bpmn:flowNodeRef><bpmn:flowNodeRef>late</bpmn:flowNodeRef><bpmn:flowNodeRef>e</bpmn:flowNodeRef><bpmn:flowNodeRef>sub</bpmn:flowNodeRef><bpmn:flowNodeRef>call</bpmn:flowNodeRef><bpmn:flowNodeRef>end</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="s" />
    <bpmn:userTask id="a" name="Mengajukan" sop:duration="P1D" />
    <bpmn:parallelGateway id="split" />
    <bpmn:userTask id="b" name="Memeriksa berkas" sop:duration="PT1H30M" />
    <bpmn:userTask id="c" name="Survei lapangan" />
    <bpmn:parallelGateway id="join" />
    <bpmn:intermediateCatchEvent id="wait" name="Masa sanggah"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="msg" name="Hasil survei"><bpmn:messageEventDefinition messageRef="Msg" /></bpmn:intermediateCatchEvent>
    <bpmn:userTask id="d" name="Menyusun izin" />
    <bpmn:boundaryEvent id="late" attachedToRef="d"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:userTask id="e" name="Eskalasi ke kepala" />
    <bpmn:subProcess id="sub" name="Pengesahan">
      <bpmn:startEvent id="ss" />
      <bpmn:userTask id="f" name="Paraf" />
      <bpmn:endEvent id="se" />
      <bpmn:sequenceFlow id="sf1" sourceRef="ss" targetRef="f" />
      <bpmn:sequenceFlow id="sf2" sourceRef="f" targetRef="se" />
    </bpmn:subProcess>
    <bpmn:callActivity id="call" name="Pembayaran" calledElement="samsat-pembayaran" />
    <bpmn:endEvent id="end" name="Selesai" />
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="a" />
    <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="split" />
    <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="b" />
    <bpmn:sequenceFlow id="f4" sourceRef="split" targetRef="c" />
    <bpmn:sequenceFlow id="f5" sourceRef="b" targetRef="join" />
    <bpmn:sequenceFlow id="f6" sourceRef="c" targetRef="join" />
    <bpmn:sequenceFlow id="f7" sourceRef="join" targetRef="wait" />
    <bpmn:sequenceFlow id="f8" sourceRef="wait" targetRef="msg" />
    <bpmn:sequenceFlow id="f9" sourceRef="msg" targetRef="d" />
    <bpmn:sequenceFlow id="f10" sourceRef="d" targetRef="sub" />
    <bpmn:sequenceFlow id="f11" sourceRef="late" targetRef="e" />
    <bpmn:sequenceFlow id="f12" sourceRef="e" targetRef="sub" />
    <bpmn:sequenceFlow id="f13" sourceRef="sub" targetRef="call" />
    <bpmn:sequenceFlow id="f14" sourceRef="call" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe('flattening what the library does not draw', () => {
  it('parallel branches, timers, messages, boundary events, sub-processes and call activities become rows with a Keterangan', async () => {
    const table = flattenSop(await readSopGraph(SYNTHETIC));
    expect(table.rows.map((r) => r.activity)).toEqual(['Mengajukan', 'Memeriksa berkas', 'Survei lapangan', 'Menyusun izin', 'Eskalasi ke kepala', 'Paraf', 'Pembayaran']);
    const [a, b, c, d, e, f, call] = table.rows;
    expect(a!.keterangan).toContain('Dilanjutkan bersamaan ke No. 2, 3');
    expect(a!.waktu).toBe('1 hari kerja');
    expect(b!.waktu).toBe('1 jam 30 menit');
    expect(c!.keterangan).toContain('Sebelum No. 4: menunggu waktu 3 hari kerja (Masa sanggah)');
    expect(c!.keterangan).toContain('Sebelum No. 4: menunggu pesan "Hasil survei"');
    expect(d!.next.map((t) => [t.label, t.to])).toEqual([[undefined, 6], ['bila waktu 2 jam', 5]]);
    expect(d!.keterangan).toContain('Sebelum No. 6: bagian dari sub-proses "Pengesahan"');
    expect(e!.next.map((t) => t.to)).toEqual([6]);
    expect(f!.next.map((t) => t.to)).toEqual([7]);
    expect(call!.keterangan).toContain('Lihat SOP samsat-pembayaran');
    expect(call!.shape).toBe('terminator');
    expect(table.rows.map((r) => r.lane)).toEqual([0, 1, 1, 1, 1, 1, 1]);
  });
});
