/**
 * The local certificate authority of development and demo installations. The CA is made on the
 * first signature any server of the installation asks for and kept in the database (`signing_ca`),
 * so every server signs under the same CA; it is never in the repository. Each official gets a
 * certificate of their own (`signing_certificates`) naming their full name, NIP and jabatan.
 * The passphrase an official gives is checked against their log-in password: the local signer has
 * no passphrase store of its own, and a signature always asks the official to prove it is them.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import forge from 'node-forge';
import type { Database } from '../db/index.js';
import { verifyPassword } from '../services/accounts/passwords.js';
import { signPdfBytes } from './sign-pdf.js';
import { SignerRefused, type PdfSigner, type SigningOfficial } from './signer.js';

export interface KeyAndCert {
  keyPem: string;
  certPem: string;
}

function newKey(): { privatePem: string; publicKey: forge.pki.PublicKey } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) };
}

/** A positive serial (leading 01 keeps the DER integer positive). */
const serial = () => `01${randomBytes(15).toString('hex')}`;

function makeCertificate(opts: {
  publicKey: forge.pki.PublicKey;
  subject: forge.pki.CertificateField[];
  issuer: forge.pki.CertificateField[];
  signKeyPem: string;
  ca: boolean;
  years: number;
}): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = opts.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600_000);
  cert.validity.notAfter = new Date(Date.now() + opts.years * 365 * 24 * 3600_000);
  cert.setSubject(opts.subject);
  cert.setIssuer(opts.issuer);
  cert.setExtensions(
    opts.ca
      ? [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }, { name: 'subjectKeyIdentifier' }]
      : [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
          { name: 'subjectKeyIdentifier' },
        ],
  );
  cert.sign(forge.pki.privateKeyFromPem(opts.signKeyPem) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

const CA_SUBJECT: forge.pki.CertificateField[] = [
  { name: 'commonName', value: 'SOP Studio CA Lokal (bukan untuk produksi)' },
  { name: 'organizationName', value: 'SOP Studio' },
  { name: 'countryName', value: 'ID' },
];

/** The installation's CA: read, or made once (insert … on conflict do nothing, then read: every server gets the same one). */
export async function localCa(conn: Kysely<Database>): Promise<KeyAndCert> {
  const existing = await conn.selectFrom('signing_ca').select(['cert_pem', 'key_pem']).where('id', '=', 'local').executeTakeFirst();
  if (existing) return { keyPem: existing.key_pem, certPem: existing.cert_pem };
  const key = newKey();
  const certPem = makeCertificate({ publicKey: key.publicKey, subject: CA_SUBJECT, issuer: CA_SUBJECT, signKeyPem: key.privatePem, ca: true, years: 10 });
  await conn.insertInto('signing_ca').values({ id: 'local', cert_pem: certPem, key_pem: key.privatePem }).onConflict((oc) => oc.column('id').doNothing()).execute();
  const row = await conn.selectFrom('signing_ca').select(['cert_pem', 'key_pem']).where('id', '=', 'local').executeTakeFirstOrThrow();
  return { keyPem: row.key_pem, certPem: row.cert_pem };
}

/** The official's certificate from the local CA (made on their first signature). */
export async function officialCertificate(conn: Kysely<Database>, official: SigningOfficial, ca: KeyAndCert): Promise<KeyAndCert> {
  const existing = await conn.selectFrom('signing_certificates').select(['cert_pem', 'key_pem']).where('user_id', '=', official.userId).executeTakeFirst();
  if (existing) return { keyPem: existing.key_pem, certPem: existing.cert_pem };
  const key = newKey();
  const subject: forge.pki.CertificateField[] = [
    { name: 'commonName', value: official.name },
    ...(official.jabatan ? [{ name: 'title', value: official.jabatan }] : []),
    ...(official.nip ? [{ name: 'serialNumber', value: `NIP ${official.nip}` }] : []),
    { name: 'countryName', value: 'ID' },
  ];
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const certPem = makeCertificate({ publicKey: key.publicKey, subject, issuer: caCert.subject.attributes, signKeyPem: ca.keyPem, ca: false, years: 2 });
  await conn.insertInto('signing_certificates').values({ user_id: official.userId, cert_pem: certPem, key_pem: key.privatePem }).onConflict((oc) => oc.column('user_id').doNothing()).execute();
  const row = await conn.selectFrom('signing_certificates').select(['cert_pem', 'key_pem']).where('user_id', '=', official.userId).executeTakeFirstOrThrow();
  return { keyPem: row.key_pem, certPem: row.cert_pem };
}

export function localCaSigner(conn: Kysely<Database>): PdfSigner {
  return {
    name: 'ca-lokal',
    async sign(pdf, req) {
      const user = await conn.selectFrom('users').select('password_hash').where('id', '=', req.official.userId).executeTakeFirst();
      if (!user || !(await verifyPassword(req.passphrase, user.password_hash))) {
        throw new SignerRefused('Passphrase salah: dokumen tidak ditandatangani. Periksa passphrase Anda lalu coba lagi.');
      }
      const ca = await localCa(conn);
      const mine = await officialCertificate(conn, req.official, ca);
      return signPdfBytes(pdf, mine.keyPem, [mine.certPem, ca.certPem], { name: req.official.name, reason: req.reason, location: req.location, signingTime: req.signingTime });
    },
  };
}
