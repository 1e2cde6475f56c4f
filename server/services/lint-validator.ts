import type { Kysely } from 'kysely';
import { createLintValidator } from '../../studio/modeler/lint/publish-validator.js';
import type { Database } from '../db/index.js';
import { registerContentValidator } from './content-validation.js';

/**
 * The studio's bpmnlint rules (recommended + ours) also guard the server: what the canvas
 * marks as an error while drawing refuses the publish here, whoever calls the API.
 */
registerContentValidator(
  'process',
  createLintValidator(async (db: Kysely<Database>) => ({
    roles: (await db.selectFrom('roles').select('key').execute()).map((r) => r.key),
    ruleSets: (await db.selectFrom('documents').select('key').where('kind', '=', 'ruleset').execute()).map((r) => r.key),
  })),
);
