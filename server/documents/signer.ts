/**
 * The signer port: a finished PDF in, the same PDF with a PAdES signature out. Two signers ship:
 * the local certificate authority (local-ca.ts: development and demo) and the TTE HTTP adapter
 * (tte.ts: shaped like BSrE's API), which an office uses when its `signer_url` (or the
 * `TTE_BASE_URL` environment variable) names a TTE service.
 */

export interface SigningOfficial {
  userId: string;
  name: string;
  nip: string | null;
  jabatan: string | null;
  nik: string | null;
}

export interface SignRequest {
  official: SigningOfficial;
  passphrase: string;
  reason: string;
  location: string;
  signingTime: Date;
}

export interface PdfSigner {
  readonly name: string;
  sign(pdf: Uint8Array, req: SignRequest): Promise<Uint8Array>;
}

/** The signer refused (wrong passphrase, unknown NIK): the official can fix it, the task stays open. */
export class SignerRefused extends Error {
  readonly code = 'SIGNING_REFUSED';
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The signing service could not be reached or answered nonsense: try again later. */
export class SignerUnavailable extends Error {
  readonly code = 'SIGNING_UNAVAILABLE';
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
