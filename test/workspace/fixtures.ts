import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/index.js';
import { readFile } from 'node:fs/promises';
import { publish, saveDraft } from '../../server/services/store/store.js';

export const REKLAME = 'kaloran-reklame';
export const SAMSAT_02 = 'samsat-02-pengesahan-tahunan';

/** What Izin Reklame's start form requires (the applicant's identity, the billboard the permit states). */
export const REKLAME_START = {
  namaPemohon: 'Budi Santoso',
  nikPemohon: '3323010101900003',
  alamatPemohon: 'Dusun Krajan RT 01 RW 02, Kaloran',
  teksReklame: 'Toko Tani Makmur',
  lengthMeters: 4,
  lebarMeter: 1,
  lokasiReklame: 'Jl. Raya Kaloran km 3',
  jangkaWaktuHari: 30,
} as const;

const ROOT = new URL('../../', import.meta.url);

async function put(db: Kysely<Database>, kind: 'process' | 'ruleset', key: string, content: string): Promise<void> {
  await saveDraft(db, { kind, key, content, actor: 'test' });
  try {
    await publish(db, { kind, key, actor: 'test' });
  } catch (e) {
    throw new Error(`publish ${key}: ${JSON.stringify((e as { details?: unknown }).details)}`, { cause: e });
  }
}

/**
 * Publishes library models from processes/ with what they need, like the seed does but only
 * these (the whole library takes too long for every test file): their rule sets first, then the
 * processes they call, then themselves.
 */
export async function publishLibrary(db: Kysely<Database>, keys: string[], done = new Set<string>()): Promise<void> {
  for (const key of keys) {
    if (done.has(`process:${key}`)) continue;
    done.add(`process:${key}`);
    const xml = await readFile(new URL(`processes/${key}.bpmn`, ROOT), 'utf8');
    const ruleSets = [...xml.matchAll(/sop:(?:requirementsRuleSet|ruleSet)="([^"]+)"/g)].map((m) => m[1]);
    for (const r of new Set(ruleSets)) {
      if (done.has(`ruleset:${r}`)) continue;
      done.add(`ruleset:${r}`);
      await put(db, 'ruleset', r, await readFile(new URL(`rules/${r}.json`, ROOT), 'utf8'));
    }
    await publishLibrary(db, [...xml.matchAll(/calledElement="([^"]+)"/g)].map((m) => m[1]), done);
    await put(db, 'process', key, xml);
  }
}

/** The two SOPs of the workspace tests: Izin Reklame (Kaloran) and Samsat SOP 02 with SOP Pembayaran. */
export async function publishWorkspaceFixtures(db: Kysely<Database>): Promise<void> {
  await publishLibrary(db, [REKLAME, SAMSAT_02]);
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
