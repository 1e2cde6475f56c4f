/**
 * A real database with the SOP library loaded the way the seed loads it (rule sets and
 * models published, perlu-verifikasi models as drafts), and officers created on demand.
 * The scenarios drive the real runtime services (server/services/runtime/runtime.ts) on it.
 */
import type { Kysely } from 'kysely';
import type { Database, DatabaseKind } from '../../../server/db/index.js';
import { createUser, type SessionUser } from '../../../server/services/accounts/accounts.js';
import { loadLibrary, seedCatalog, type LibraryLoadResult } from '../../../server/services/offices/seed.js';
import { getDraft, publish, saveDraft } from '../../../server/services/store/store.js';
import type { ContentValidators } from '../../../server/services/store/content-validation.js';
import { processModelValidator } from '../../../server/services/runtime/runtime-validator.js';
import { ruleSetValidator } from '../../../server/services/store/ruleset-validator.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';

/** The runtime's and the rule sets' checks (the studio's lint rules are the library's own tests'). */
const RUNTIME_CHECKS: ContentValidators = { process: [processModelValidator], ruleset: [ruleSetValidator] };

export interface LibraryDb {
  database: TestDatabase;
  db: Kysely<Database>;
  library: LibraryLoadResult;
  /** an officer holding `role` in `office` (created once) */
  officer(role: string, office: string): Promise<SessionUser>;
  /** every officer's password (a signing step's passphrase under the local CA) */
  password: string;
  userById(id: string): SessionUser | undefined;
  /** set when a step never finished: the database is stuck, later scenarios fail at once */
  blocked?: string;
  /** what an administrator does once a perlu-verifikasi model is verified: drop the mark, publish */
  verifyAndPublish(processKey: string): Promise<void>;
  close(): Promise<void>;
}

const PASSWORD = 'uji-skenario-sop-2026';

export async function openLibraryDb(kind: DatabaseKind = 'pglite'): Promise<LibraryDb> {
  const database = await createTestDatabase(kind);
  const db = database.db;
  await seedCatalog(db);
  const library = await loadLibrary(db, 'test');
  const users = new Map<string, Promise<SessionUser>>();
  const byId = new Map<string, SessionUser>();
  return {
    database,
    db,
    library,
    officer(role, office) {
      const k = `${role}.${office}`;
      let u = users.get(k);
      if (!u) {
        u = createUser(db, { username: k, name: k, password: PASSWORD, roles: [{ role, office }] }, 'test').then((x) => {
          byId.set(x.id, x);
          return x;
        });
        users.set(k, u);
      }
      return u;
    },
    userById: (id) => byId.get(id),
    password: PASSWORD,
    async verifyAndPublish(processKey) {
      const draft = await getDraft(db, 'process', processKey);
      const content = draft.content.replace(/ sop:status="perlu-verifikasi"/, '');
      await saveDraft(db, { kind: 'process', key: processKey, content, actor: 'test', ifMatch: draft.revision, validators: RUNTIME_CHECKS });
      await publish(db, { kind: 'process', key: processKey, effectiveFrom: '2020-01-01', note: 'Diverifikasi', actor: 'test', validators: RUNTIME_CHECKS });
      // Its requirement set waited as a draft with it (never published before the model is verified).
      const reqKey = `${processKey}-persyaratan`;
      const req = await getDraft(db, 'ruleset', reqKey).catch(() => undefined);
      if (req && req.status === 'perlu-verifikasi') {
        const doc = JSON.parse(req.content) as Record<string, unknown>;
        delete doc.status;
        await saveDraft(db, { kind: 'ruleset', key: reqKey, content: JSON.stringify(doc), actor: 'test', ifMatch: req.revision, validators: RUNTIME_CHECKS });
        await publish(db, { kind: 'ruleset', key: reqKey, effectiveFrom: '2020-01-01', note: 'Diverifikasi', actor: 'test', validators: RUNTIME_CHECKS });
      }
    },
    // A database left blocked by a step that never finished cannot close either: do not wait on it.
    close: () => Promise.race([database.close(), new Promise<void>((r) => setTimeout(r, 2000).unref())]),
  };
}
