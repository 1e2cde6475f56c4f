/**
 * How people type an application's number when they look for it (issue 23): "a9999zz", "A 9999 ZZ",
 * "a-9999-zz" and "9999" all find the nomor polisi "A 9999 ZZ". Both sides are compared in this
 * form — upper case, letters and digits only — and the typed part may stand anywhere in the number.
 * The server's SQL applies the same rule (server/services/workspace/search-sql.ts).
 */
export function searchKey(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
