/**
 * A CAdES detached signature (CMS SignedData) as PAdES baseline-B asks for it: SHA-256, the
 * signed attributes content-type, message-digest and signing-certificate-v2 (the hash of the
 * signer's certificate), no signing-time attribute (the claimed time is the signature
 * dictionary's /M), the signer's certificate and its CA embedded. node-forge's pkcs7 writer
 * cannot add signing-certificate-v2, so the structure is built here with its ASN.1 helpers and
 * signed with node:crypto.
 */
import { createHash, createPrivateKey, sign as rsaSign } from 'node:crypto';
import forge from 'node-forge';
import { Signer } from '@signpdf/signpdf';

const { asn1 } = forge;
const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
};

const seq = (v: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, v);
const set = (v: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, v);
const oid = (o: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(o).getBytes());
const octets = (bytes: Buffer) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes.toString('binary'));
const int = (n: number) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const nul = () => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '');
const algo = (o: string, params = true) => seq(params ? [oid(o), nul()] : [oid(o)]);
const attr = (type: string, value: forge.asn1.Asn1) => seq([oid(type), set([value])]);
const der = (a: forge.asn1.Asn1) => Buffer.from(asn1.toDer(a).getBytes(), 'binary');

export class CadesSigner extends Signer {
  private readonly cert: forge.pki.Certificate;
  private readonly chain: forge.pki.Certificate[];
  /** `chain`: the signer's certificate first, then its CA */
  constructor(
    private readonly keyPem: string,
    chainPem: string[],
  ) {
    super();
    this.chain = chainPem.map((p) => forge.pki.certificateFromPem(p));
    this.cert = this.chain[0];
  }

  override async sign(content: Buffer): Promise<Buffer> {
    const certDer = der(forge.pki.certificateToAsn1(this.cert));
    const signedAttrs = [
      attr(OID.contentType, oid(OID.data)),
      attr(OID.messageDigest, octets(createHash('sha256').update(content).digest())),
      // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with the default (SHA-256) algorithm
      attr(OID.signingCertificateV2, seq([seq([seq([octets(createHash('sha256').update(certDer).digest())])])])),
    ];
    // The signature covers the attributes encoded as a SET (tag 0x31); they travel as [0] IMPLICIT.
    const signature = rsaSign('sha256', der(set(signedAttrs)), createPrivateKey(this.keyPem));
    const issuerAndSerial = seq([
      forge.pki.distinguishedNameToAsn1(this.cert.issuer),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, forge.util.hexToBytes(this.cert.serialNumber)),
    ]);
    const signerInfo = seq([
      int(1),
      issuerAndSerial,
      algo(OID.sha256),
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, signedAttrs),
      algo(OID.sha256WithRSA),
      octets(signature),
    ]);
    const signedData = seq([
      int(1),
      set([algo(OID.sha256)]),
      seq([oid(OID.data)]),
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, this.chain.map((c) => forge.pki.certificateToAsn1(c))),
      set([signerInfo]),
    ]);
    return der(seq([oid(OID.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]));
  }
}
