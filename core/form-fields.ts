/**
 * What a form field is to the application (issue 23): who applies (the applicant's identity) or
 * what the permit is about (its object: a billboard's text, size, place). A form property says so
 * with the annotation `"x-sop-field"`; the officer's task page heads with these fields, the permit
 * prints the object, the apply page fills the identity from the account. Unmarked fields are
 * neither (a fee fact, a decision's detail).
 */
export const FIELD_MARK = 'x-sop-field';

export const IDENTITY_MARKS = ['applicant.name', 'applicant.nik', 'applicant.phone', 'applicant.email', 'applicant.address'] as const;
export type IdentityMark = (typeof IDENTITY_MARKS)[number];
export const FIELD_MARKS = [...IDENTITY_MARKS, 'object'] as const;
export type FieldMark = (typeof FIELD_MARKS)[number];

export function isFieldMark(v: unknown): v is FieldMark {
  return typeof v === 'string' && (FIELD_MARKS as readonly string[]).includes(v);
}

export interface MarkedField {
  name: string;
  mark: FieldMark;
  /** the property's title (the label people read) */
  title: string;
}

/** The marked properties of a form's schema, in their order. */
export function markedFields(schema: unknown): MarkedField[] {
  const props = (schema as { properties?: unknown } | null | undefined)?.properties;
  if (!props || typeof props !== 'object') return [];
  const out: MarkedField[] = [];
  for (const [name, p] of Object.entries(props as Record<string, Record<string, unknown> | null>)) {
    const mark = p?.[FIELD_MARK];
    if (isFieldMark(mark)) out.push({ name, mark, title: typeof p?.title === 'string' ? p.title : name });
  }
  return out;
}

/** The property marked as this part of the applicant's identity, if the schema has one. */
export function identityField(schema: unknown, mark: IdentityMark): string | undefined {
  return markedFields(schema).find((f) => f.mark === mark)?.name;
}
