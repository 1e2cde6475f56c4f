/**
 * The TTE adapter: signs through a signing service shaped like BSrE's API —
 * `POST {baseUrl}/api/sign/pdf`, multipart `file` (the PDF), `nik`, `passphrase`, `tampilan`
 * (`visible` | `invisible`) and optionally `image`, `page`, `xAxis`, `yAxis`, `width`, `height`;
 * 200 answers the signed PDF; a wrong passphrase or an unknown NIK answers 4xx with `{error}`.
 * The server only calls the URL the office (or TTE_BASE_URL) configured; nothing a user sends
 * chooses where it goes.
 */
import { SignerRefused, SignerUnavailable, type PdfSigner } from './signer.js';

export interface TteOptions {
  tampilan?: 'visible' | 'invisible';
  timeoutMs?: number;
}

export function tteSigner(baseUrl: string, opts: TteOptions = {}): PdfSigner {
  const endpoint = `${baseUrl.replace(/\/+$/, '')}/api/sign/pdf`;
  return {
    name: 'tte',
    async sign(pdf, req) {
      if (!req.official.nik) throw new SignerRefused('NIK Anda belum tercatat: minta admin mengisinya di Pengguna sebelum menandatangani melalui TTE.');
      const form = new FormData();
      form.set('file', new Blob([Buffer.from(pdf)], { type: 'application/pdf' }), 'dokumen.pdf');
      form.set('nik', req.official.nik);
      form.set('passphrase', req.passphrase);
      form.set('tampilan', opts.tampilan ?? 'invisible');
      let res: Response;
      try {
        res = await fetch(endpoint, { method: 'POST', body: form, signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000) });
      } catch (e) {
        throw new SignerUnavailable('Layanan tanda tangan elektronik tidak dapat dihubungi. Coba lagi nanti.', { cause: String(e) });
      }
      const body = new Uint8Array(await res.arrayBuffer());
      if (res.status === 200) {
        if (Buffer.from(body.subarray(0, 5)).toString('latin1') !== '%PDF-') throw new SignerUnavailable('Layanan tanda tangan elektronik tidak mengembalikan PDF.');
        return body;
      }
      let error: string;
      try {
        error = String((JSON.parse(Buffer.from(body).toString('utf8')) as { error?: unknown }).error ?? '');
      } catch {
        error = '';
      }
      if (res.status >= 400 && res.status < 500) {
        const message = /passphrase/i.test(error)
          ? 'Passphrase salah: dokumen tidak ditandatangani. Periksa passphrase TTE Anda lalu coba lagi.'
          : /nik/i.test(error)
            ? 'NIK Anda tidak terdaftar pada layanan TTE: hubungi admin.'
            : `Layanan TTE menolak permintaan tanda tangan${error ? `: ${error}` : ''}.`;
        throw new SignerRefused(message, { status: res.status, error });
      }
      throw new SignerUnavailable('Layanan tanda tangan elektronik sedang bermasalah. Coba lagi nanti.', { status: res.status, error });
    },
  };
}
