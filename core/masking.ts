/**
 * What a public page may show of a person: each word of a name keeps its first two letters
 * ("Budi Santoso" → "Bu** Sa*****"), a NIK its first four and last four digits.
 */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => {
      const chars = [...w];
      return chars.length <= 2 ? `${chars[0]}*` : chars.slice(0, 2).join('') + '*'.repeat(chars.length - 2);
    })
    .join(' ');
}

export function maskNik(nik: string): string {
  const d = nik.replace(/\s+/g, '');
  return d.length <= 8 ? '*'.repeat(d.length) : `${d.slice(0, 4)}${'*'.repeat(d.length - 8)}${d.slice(-4)}`;
}
