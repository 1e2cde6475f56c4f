/** Regulation change API (issue 19): Dampak, migrations, two-person approval. Same error handling as client.ts. */
import type { Approval } from '../../contracts/store.js';
import { json, type StoreKind } from './client.js';

const enc = encodeURIComponent;

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';
export interface ImpactLine { code: string; label: string; before: string | null; after: string | null }
export interface RuleImpactItem {
  instanceId: string;
  status: 'changed' | 'unchanged' | 'failed';
  reason?: string;
  businessKey: string | null;
  office: string;
  open: boolean;
  assessedTotal: string;
  totalBefore: string;
  totalAfter: string;
  difference: string;
  eligibleBefore: boolean;
  eligibleAfter: boolean;
  evaluations: Array<{ variable: string; lines: ImpactLine[] }>;
}
export interface RuleImpactResult {
  asOf: string;
  since: string;
  publication: number | null;
  applications: number;
  changed: number;
  unchanged: number;
  failed: number;
  eligibilityChanged: number;
  totalBefore: string;
  totalAfter: string;
  difference: string;
}
export interface ProcessImpactResult {
  open: number;
  affected: number;
  byElement: Array<{ elementId: string; name: string; change: 'removed' | 'changed'; kinds: string[]; instances: number }>;
}
export interface MigrationResult { from: number; to: number; dryRun: boolean; ok: number; moved: number; blocked: number; failed: number }
export interface MigrationItem { instanceId: string; businessKey: string | null; office: string | null; status: 'ok' | 'blocked' | 'moved' | 'failed'; reason?: string }
export interface Job<R, I> { id: string; status: JobStatus; progress: number; total: number | null; error: string | null; result: R | null; items: I[] }

export type { Approval } from '../../contracts/store.js';

export const regchangeApi = {
  startRuleImpact: (key: string, body: { asOf?: string; since?: string }) => json<{ id: string }>('POST', `/api/rulesets/${enc(key)}/impact`, body),
  ruleImpact: (key: string, id: string) => json<Job<RuleImpactResult, RuleImpactItem>>('GET', `/api/rulesets/${enc(key)}/impact/${enc(id)}?limit=200`),
  startProcessImpact: (key: string) => json<{ id: string }>('POST', `/api/processes/${enc(key)}/impact`, {}),
  processImpact: (key: string, id: string) => json<Job<ProcessImpactResult, unknown>>('GET', `/api/processes/${enc(key)}/impact/${enc(id)}`),
  migrationOptions: (key: string, from: number, to: number) =>
    json<{ unmatched: Array<{ id: string; name: string; kind: string }>; targets: Array<{ id: string; name: string; kind: string }> }>('GET', `/api/processes/${enc(key)}/migrations/options?from=${from}&to=${to}`),
  startMigration: (key: string, body: { from: number; to: number; mapping: Record<string, string>; dryRun: boolean }) => json<{ id: string }>('POST', `/api/processes/${enc(key)}/migrations`, body),
  migration: (key: string, id: string) => json<Job<MigrationResult, MigrationItem>>('GET', `/api/processes/${enc(key)}/migrations/${enc(id)}`),
  approvals: (kind: StoreKind, key: string) => json<{ required: boolean; approvals: Approval[] }>('GET', `/api/${kind}/${enc(key)}/approvals`),
  setApprovalRequired: (kind: StoreKind, key: string, required: boolean) => json<{ required: boolean }>('PUT', `/api/${kind}/${enc(key)}/approval-setting`, { required }),
  approve: (kind: StoreKind, key: string, id: string) => json<{ approval: Approval; version: number }>('POST', `/api/${kind}/${enc(key)}/approvals/${enc(id)}/approve`, {}),
  reject: (kind: StoreKind, key: string, id: string, comment: string) => json<Approval>('POST', `/api/${kind}/${enc(key)}/approvals/${enc(id)}/reject`, { comment }),
};

/** Polls a background run until it is done or failed (every `ms`), reporting each answer. */
export async function pollJob<T extends { status: JobStatus }>(get: () => Promise<T>, onUpdate: (j: T) => void, ms = 500, signal?: { cancelled: boolean }): Promise<T> {
  for (;;) {
    const j = await get();
    if (signal?.cancelled) return j;
    onUpdate(j);
    if (j.status === 'done' || j.status === 'failed') return j;
    await new Promise((r) => setTimeout(r, ms));
  }
}
