import { sql, type Kysely } from 'kysely';

/**
 * Signed, verifiable documents (issue 20).
 *
 * issued_documents: every official PDF as it was issued — the bytes (signed where it is signed),
 * their SHA-256 and what the public verification page shows (kind, number, masked holder, office,
 * date, status). A document is served byte for byte from here after it is issued; only its status
 * changes (valid → dicabut | diganti), each change audited. At most one valid document per
 * application and kind (partial unique index): a second one replaces the first.
 *
 * signing_ca / signing_certificates: the local certificate authority of the development and demo
 * signer, created on a server's first signature and kept here so that every server of an
 * installation signs under the same CA (never in the repository), and the certificate it issued to
 * each official.
 *
 * users: the identity an official signs with (full name, NIP, jabatan; NIK for the TTE service).
 * office_signers: the office's TTE service (BSrE-shaped), when it has one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users add column full_name text, add column nip text, add column jabatan text, add column nik text`.execute(db);
  await db.schema
    .createTable('office_signers')
    .addColumn('office', 'text', (c) => c.primaryKey().references('offices.key').onDelete('cascade'))
    .addColumn('base_url', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('issued_documents')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('office', 'text', (c) => c.notNull())
    .addColumn('office_name', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('valid').check(sql`status in ('valid','dicabut','diganti')`))
    .addColumn('replaced_by', 'text')
    .addColumn('status_reason', 'text')
    .addColumn('status_changed_at', 'timestamptz')
    .addColumn('status_changed_by', 'text')
    .addColumn('signed', 'boolean', (c) => c.notNull())
    .addColumn('signer_id', 'text')
    .addColumn('signer_role', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .execute();
  await sql`create unique index issued_documents_one_valid on issued_documents (instance_id, kind) where status = 'valid'`.execute(db);
  await db.schema.createIndex('issued_documents_instance').on('issued_documents').columns(['instance_id', 'kind', 'issued_at']).execute();
  await db.schema
    .createTable('signing_ca')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cert_pem', 'text', (c) => c.notNull())
    .addColumn('key_pem', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('signing_certificates')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('cert_pem', 'text', (c) => c.notNull())
    .addColumn('key_pem', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('signing_certificates').ifExists().execute();
  await db.schema.dropTable('signing_ca').ifExists().execute();
  await db.schema.dropTable('issued_documents').ifExists().execute();
  await db.schema.dropTable('office_signers').ifExists().execute();
  await sql`alter table users drop column full_name, drop column nip, drop column jabatan, drop column nik`.execute(db);
}
