/**
 * The order services are listed in (issue 23): an agency's SOPs in their source's numbering
 * (SOP 01, 02 … 09; B.1 … B.7; 1 … 8), not alphabetically. The number is the model's
 * `sop:sopNumber`; numbered SOPs come first, in natural order ("9" before "10", "01" = "1"), then
 * the unnumbered ones by name.
 */
export interface SopOrdered {
  name: string;
  sopNumber?: string | null;
}

const natural = new Intl.Collator('id', { numeric: true, sensitivity: 'base' });

export function compareSopOrder(a: SopOrdered, b: SopOrdered): number {
  const an = a.sopNumber?.trim() || undefined;
  const bn = b.sopNumber?.trim() || undefined;
  if (an && bn) return natural.compare(an, bn) || natural.compare(a.name, b.name);
  if (an || bn) return an ? -1 : 1;
  return natural.compare(a.name, b.name);
}

/** The same services in SOP order (a copy). */
export function inSopOrder<T extends SopOrdered>(items: readonly T[]): T[] {
  return [...items].sort(compareSopOrder);
}
