import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** An official PDF as issued (0018): served byte for byte, only its status changes. */
export interface IssuedDocumentsTable {
  code: string;
  kind: string;
  instance_id: string;
  number: string;
  title: string;
  /** the validity the signing official set (YYYY-MM-DD), when the service has one */
  valid_until: string | null;
  /** masked (core/masking.ts): what the public page may show */
  holder_name: string;
  office: string;
  office_name: string;
  issued_at: Timestamp;
  status: ColumnType<'valid' | 'dicabut' | 'diganti', 'valid' | 'dicabut' | 'diganti' | undefined, 'valid' | 'dicabut' | 'diganti'>;
  replaced_by: string | null;
  status_reason: string | null;
  status_changed_at: Timestamp | null;
  status_changed_by: string | null;
  signed: boolean;
  /** the official who signed it (user id), and the post (role) of the signing step */
  signer_id: string | null;
  signer_role: string | null;
  /** hash of what the document says (without number, code, date): an unsigned one is issued again when it changes */
  content_hash: string;
  sha256: string;
  bytes: Buffer;
}

/** The local CA of the development signer (one row) and the certificates it issued to officials. */
export interface SigningCaTable {
  id: string;
  cert_pem: string;
  key_pem: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SigningCertificatesTable {
  user_id: string;
  cert_pem: string;
  key_pem: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** An office's TTE signing service (BSrE-shaped API), when it has one; else the local CA signs. */
export interface OfficeSignersTable {
  office: string;
  base_url: string;
}

export interface DocumentsTables {
  office_signers: OfficeSignersTable;
  issued_documents: IssuedDocumentsTable;
  signing_ca: SigningCaTable;
  signing_certificates: SigningCertificatesTable;
}
