/** Regulation change API (issue 19): Dampak, migrations, two-person approval. Same error handling as client.ts. */
import type {
  ApprovalList,
  ApprovalSetting,
  Approved,
  Job,
  JobStatus,
  MigrationBody,
  MigrationItem,
  MigrationOptions,
  MigrationResult,
  ProcessImpactResult,
  RuleImpactBody,
  RuleImpactItem,
  RuleImpactResult,
  Started,
} from '../../contracts/regchange.js';
import type { Approval } from '../../contracts/store.js';
import { json, type StoreKind } from './client.js';

const enc = encodeURIComponent;

export type { Job, MigrationItem, MigrationResult, ProcessImpactResult, RuleImpactItem, RuleImpactResult };

export type { Approval } from '../../contracts/store.js';

export const regchangeApi = {
  startRuleImpact: (key: string, body: RuleImpactBody) => json<Started>('POST', `/api/rulesets/${enc(key)}/impact`, body),
  ruleImpact: (key: string, id: string) => json<Job<RuleImpactResult, RuleImpactItem>>('GET', `/api/rulesets/${enc(key)}/impact/${enc(id)}?limit=200`),
  startProcessImpact: (key: string) => json<Started>('POST', `/api/processes/${enc(key)}/impact`, {}),
  processImpact: (key: string, id: string) => json<Job<ProcessImpactResult, unknown>>('GET', `/api/processes/${enc(key)}/impact/${enc(id)}`),
  migrationOptions: (key: string, from: number, to: number) =>
    json<MigrationOptions>('GET', `/api/processes/${enc(key)}/migrations/options?from=${from}&to=${to}`),
  startMigration: (key: string, body: MigrationBody) => json<Started>('POST', `/api/processes/${enc(key)}/migrations`, body),
  migration: (key: string, id: string) => json<Job<MigrationResult, MigrationItem>>('GET', `/api/processes/${enc(key)}/migrations/${enc(id)}`),
  approvals: (kind: StoreKind, key: string) => json<ApprovalList>('GET', `/api/${kind}/${enc(key)}/approvals`),
  setApprovalRequired: (kind: StoreKind, key: string, required: boolean) => json<ApprovalSetting>('PUT', `/api/${kind}/${enc(key)}/approval-setting`, { required }),
  approve: (kind: StoreKind, key: string, id: string) => json<Approved>('POST', `/api/${kind}/${enc(key)}/approvals/${enc(id)}/approve`, {}),
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
