import type { Kysely } from 'kysely';
import type { PrintKind } from '../../../core/access.js';
import type { Database } from '../../db/index.js';
import { documentContentFor } from '../../documents/content.js';
import { renderHtml } from '../../documents/print-html.js';
import type { SessionUser } from '../accounts/accounts.js';


/** HTML print views of what an SOP step produces; the same content as the PDF (`…/:kind.pdf`). */
export async function renderPrint(db: Kysely<Database>, user: SessionUser, instanceId: string, doc: PrintKind): Promise<string> {
  const content = await documentContentFor(db, user, instanceId, doc);
  return renderHtml(content, { pdfUrl: `/api/print/${encodeURIComponent(instanceId)}/${doc}.pdf`, now: new Date() });
}
