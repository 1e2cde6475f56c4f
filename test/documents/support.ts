/**
 * Shared by the documents tests: a small permit process with every document kind (fees from two
 * real rule sets, an SK and a permit signing step), the TTE stand-in (a local HTTP server that
 * implements the BSrE-shaped contract and signs with the installation's local CA), and the
 * poppler/NSS tools the checks use (pdfsig, pdftoppm, certutil).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Kysely } from 'kysely';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Database } from '../../server/db/index.js';
import { localCa, officialCertificate } from '../../server/documents/local-ca.js';
import { signPdfBytes } from '../../server/documents/sign-pdf.js';
import { publish, saveDraft } from '../../server/services/store/store.js';
import { ROOT } from '../helpers/process.js';
import { publishProcess } from '../runtime/support/publish.js';

const run = promisify(execFile);

export const PROCESS = 'uji-izin-reklame';
export const OFFICE = 'kecamatan-kaloran';

const form = (schema: object) => JSON.stringify({ schema }).replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * Applicant starts (object of the permit + facts), the loket checks, two rule sets compute, the kasi
 * signs an SK, the camat signs the permit. A file the loket finds incomplete (`berkasLengkap: false`)
 * is refused with the rejection letter instead.
 */
function permitProcessXml(): string {
  const startForm = form({
    type: 'object',
    properties: {
      teksReklame: { type: 'string', title: 'Teks reklame', maxLength: 200, 'x-sop-field': 'object' },
      lokasi: { type: 'string', title: 'Lokasi', maxLength: 200, 'x-sop-field': 'object' },
      lengthMeters: { type: 'number', title: 'Panjang reklame (meter)', minimum: 0, 'x-sop-field': 'object' },
      underpaid: { type: 'integer', title: 'Pokok kurang bayar (Rp)', minimum: 0 },
      monthsLate: { type: 'integer', title: 'Bulan keterlambatan', minimum: 0 },
    },
  });
  const ttdForm = form({ type: 'object', properties: { berlakuSampai: { type: 'string', format: 'date', title: 'Berlaku sampai' } } });
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:sop="https://sop-studio.id/schema/bpmn/sop/1.0" id="defs_${PROCESS}" targetNamespace="https://sop-studio.id/test" sop:agency="kecamatan-kaloran">
<bpmn:process id="${PROCESS}" name="Izin Reklame (uji dokumen)" isExecutable="true" sop:starterRoles="pemohon petugas-loket">
<bpmn:laneSet id="ls">
  <bpmn:lane id="l_pemohon" name="Pemohon" sop:role="pemohon"><bpmn:flowNodeRef>start</bpmn:flowNodeRef><bpmn:flowNodeRef>end</bpmn:flowNodeRef><bpmn:flowNodeRef>end_tolak</bpmn:flowNodeRef></bpmn:lane>
  <bpmn:lane id="l_loket" name="Petugas loket" sop:role="petugas-loket"><bpmn:flowNodeRef>periksa</bpmn:flowNodeRef><bpmn:flowNodeRef>gw_lengkap</bpmn:flowNodeRef><bpmn:flowNodeRef>surat_tolak</bpmn:flowNodeRef><bpmn:flowNodeRef>hitung</bpmn:flowNodeRef><bpmn:flowNodeRef>hitung_kb</bpmn:flowNodeRef></bpmn:lane>
  <bpmn:lane id="l_kasi" name="Kasi" sop:role="kasi"><bpmn:flowNodeRef>ttd_sk</bpmn:flowNodeRef></bpmn:lane>
  <bpmn:lane id="l_camat" name="Camat" sop:role="camat"><bpmn:flowNodeRef>ttd_izin</bpmn:flowNodeRef></bpmn:lane>
</bpmn:laneSet>
<bpmn:startEvent id="start" name="Permohonan" sop:form="${startForm}" />
<bpmn:userTask id="periksa" name="Memeriksa berkas" sop:duration="PT1H" sop:output="Berkas diperiksa" />
<bpmn:exclusiveGateway id="gw_lengkap" name="Berkas lengkap?" default="f_lengkap" />
<bpmn:userTask id="surat_tolak" name="Menyampaikan surat penolakan" sop:duration="PT1H" sop:output="Surat penolakan" />
<bpmn:endEvent id="end_tolak" name="Permohonan ditolak" />
<bpmn:businessRuleTask id="hitung" name="Menghitung retribusi" sop:ruleSet="kaloran-reklame" sop:resultVariable="retribusi" sop:output="SKRD" />
<bpmn:businessRuleTask id="hitung_kb" name="Menghitung kurang bayar" sop:ruleSet="bphtb-sppdkb" sop:resultVariable="kurangBayar" sop:output="SPPDKB" />
<bpmn:userTask id="ttd_sk" name="Menandatangani SK" sop:duration="PT1H" sop:handler="sign-document" sop:output="Surat Keputusan Pemberian Izin Reklame" />
<bpmn:userTask id="ttd_izin" name="Menandatangani izin" sop:duration="PT1H" sop:handler="sign-document" sop:output="Izin Reklame" sop:form="${ttdForm}" />
<bpmn:endEvent id="end" name="Izin terbit" />
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="periksa" />
<bpmn:sequenceFlow id="f2" sourceRef="periksa" targetRef="gw_lengkap" />
<bpmn:sequenceFlow id="f_lengkap" name="Lengkap" sourceRef="gw_lengkap" targetRef="hitung" />
<bpmn:sequenceFlow id="f_tidak" name="Tidak lengkap" sourceRef="gw_lengkap" targetRef="surat_tolak"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="json-rules-engine"><![CDATA[{"all":[{"fact":"berkasLengkap","operator":"equal","value":false}]}]]></bpmn:conditionExpression></bpmn:sequenceFlow>
<bpmn:sequenceFlow id="f_tolak" sourceRef="surat_tolak" targetRef="end_tolak" />
<bpmn:sequenceFlow id="f3" sourceRef="hitung" targetRef="hitung_kb" />
<bpmn:sequenceFlow id="f4" sourceRef="hitung_kb" targetRef="ttd_sk" />
<bpmn:sequenceFlow id="f5" sourceRef="ttd_sk" targetRef="ttd_izin" />
<bpmn:sequenceFlow id="f6" sourceRef="ttd_izin" targetRef="end" />
</bpmn:process>
</bpmn:definitions>`;
}

/** The two real rule sets the process uses, and the process itself, published through the store. */
export async function publishPermitProcess(db: Kysely<Database>): Promise<void> {
  for (const key of ['kaloran-reklame', 'bphtb-sppdkb']) {
    await saveDraft(db, { kind: 'ruleset', key, content: readFileSync(path.join(ROOT, 'rules', `${key}.json`), 'utf8'), actor: 'test' });
    await publish(db, { kind: 'ruleset', key, actor: 'test', effectiveFrom: '2020-01-01' });
  }
  await publishProcess(db, PROCESS, permitProcessXml(), '2020-01-01');
}

export const START_VARIABLES = { teksReklame: 'Toko Maju Jaya', lokasi: 'Jl. Raya Kaloran No. 5', lengthMeters: 4, underpaid: 1_000_000, monthsLate: 2 };

/* ---------------- PDF tools ---------------- */

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'sop-pdf-'));
}

export async function pdfText(bytes: Uint8Array): Promise<string> {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'd.pdf'), bytes);
  return (await run('pdftotext', ['-layout', path.join(dir, 'd.pdf'), '-'])).stdout;
}

/** An NSS database that trusts the installation's local CA (as a relying party would import it). */
export async function nssTrusting(db: Kysely<Database>): Promise<string> {
  const dir = tempDir();
  const ca = await db.selectFrom('signing_ca').select('cert_pem').executeTakeFirstOrThrow();
  writeFileSync(path.join(dir, 'ca.pem'), ca.cert_pem);
  await run('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  await run('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'sop-ca-lokal', '-t', 'CT,C,C', '-i', path.join(dir, 'ca.pem')]);
  return dir;
}

/** pdfsig's report of a PDF (it exits non-zero for an invalid signature: the output still says why). */
export async function pdfsig(bytes: Uint8Array, nssDir: string): Promise<string> {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'd.pdf'), bytes);
  try {
    return (await run('pdfsig', ['-nssdir', `sql:${nssDir}`, path.join(dir, 'd.pdf')])).stdout;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return `${err.stdout ?? ''}${err.stderr ?? ''}`;
  }
}

/** Renders every page and decodes the QR code found on one (it stands beside the signature, on the last page). */
export async function qrOfPdf(bytes: Uint8Array): Promise<string | null> {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'd.pdf'), bytes);
  await run('pdftoppm', ['-r', '150', '-png', path.join(dir, 'd.pdf'), path.join(dir, 'page')]);
  const pages = readdirSync(dir).filter((f) => f.endsWith('.png')).sort().reverse();
  for (const f of pages) {
    const png = PNG.sync.read(readFileSync(path.join(dir, f)));
    const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
    if (found) return found.data;
  }
  return null;
}

/* ---------------- TTE stand-in ---------------- */

export interface TteStandIn {
  url: string;
  requests: Array<{ nik: string; tampilan: string }>;
  close(): Promise<void>;
}

/**
 * A local HTTP server with the BSrE-shaped contract: POST /api/sign/pdf, multipart file, nik,
 * passphrase, tampilan; 200 = signed PDF; unknown NIK 404 / wrong passphrase 401 with {error}.
 * It signs with the installation's local CA under the certificate of the user registered for the NIK.
 */
export async function startTteStandIn(db: Kysely<Database>, accounts: Record<string, { passphrase: string; userId: string; name: string }>): Promise<TteStandIn> {
  const requests: TteStandIn['requests'] = [];
  // Keys ready before any request: the server calls while its step's transaction is open (PGlite has one connection).
  const ca = await localCa(db);
  const certs = new Map<string, { keyPem: string; certPem: string }>();
  for (const [nik, a] of Object.entries(accounts)) certs.set(nik, await officialCertificate(db, { userId: a.userId, name: a.name, nip: null, jabatan: null, nik }, ca));
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const json = (status: number, body: object) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (req.method !== 'POST' || req.url !== '/api/sign/pdf') return json(404, { error: 'not found' });
        const form = await new Request('http://stand-in/', { method: 'POST', headers: { 'content-type': String(req.headers['content-type']) }, body: Buffer.concat(chunks) }).formData();
        const file = form.get('file');
        const nik = String(form.get('nik') ?? '');
        const passphrase = String(form.get('passphrase') ?? '');
        const tampilan = String(form.get('tampilan') ?? '');
        requests.push({ nik, tampilan });
        if (!(file instanceof Blob) || !['visible', 'invisible'].includes(tampilan)) return json(400, { error: 'file dan tampilan wajib' });
        const account = accounts[nik];
        if (!account) return json(404, { error: 'NIK tidak terdaftar' });
        if (account.passphrase !== passphrase) return json(401, { error: 'Passphrase anda salah' });
        const cert = certs.get(nik)!;
        const signed = await signPdfBytes(new Uint8Array(await file.arrayBuffer()), cert.keyPem, [cert.certPem, ca.certPem], { name: account.name, reason: 'TTE', location: 'Stand-in', signingTime: new Date() });
        res.writeHead(200, { 'content-type': 'application/pdf' });
        res.end(Buffer.from(signed));
      })().catch((e: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: String(e) }));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address() as { port: number };
  return { url: `http://127.0.0.1:${addr.port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}
