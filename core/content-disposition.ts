/**
 * The one way a download is named in a `Content-Disposition` header (RFC 6266): the quoted
 * `filename` keeps only printable ASCII without quotes or backslashes, the exact name travels
 * percent-encoded in `filename*`. A name from a request (a process key in the cockpit's export,
 * an uploaded file's name) can then neither add a parameter (`"; filename=evil.exe`) nor break
 * the header (a line break or a non-Latin-1 character made Node refuse it: a 500).
 */
export function contentDisposition(disposition: 'attachment' | 'inline', filename: string): string {
  const plain = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${disposition}; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
