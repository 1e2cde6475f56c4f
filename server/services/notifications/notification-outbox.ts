import { sql, type Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import { toInternational } from '../../../core/phone.js';
import type { Database } from '../../db/index.js';

/**
 * The outbox sender (issue 21): takes one due row at a time with FOR UPDATE SKIP LOCKED (so of
 * several servers exactly one takes it), leases it, sends it outside any transaction, and records
 * the attempt (notification_deliveries: sent / failed with the reason). A failed attempt is
 * retried with exponential backoff until `maxAttempts`, then the row is `failed`; a permanent
 * refusal (an address the provider rejects) fails at once. A server that dies while sending leaves
 * the row leased: it is taken again when the lease ends, so nothing is lost across a restart.
 */

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  office: string | null;
}

/** A delivery port (email, WhatsApp). Throws DeliveryError (or anything) when it could not send. */
export interface DeliveryPort {
  send(m: OutgoingMessage): Promise<{ ref?: string }>;
}

class DeliveryError extends Error {
  constructor(
    message: string,
    /** retrying will not help (the address or the message is refused) */
    readonly permanent = false,
  ) {
    super(message);
  }
}

export interface RetryPolicy {
  maxAttempts: number;
  /** wait after the n-th failed attempt: baseMs × 2^(n-1) */
  baseMs: number;
  /** how long a taken row is the taker's before another server may take it again */
  leaseMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseMs: 30_000, leaseMs: 120_000 };

export interface OutboxPorts {
  email?: DeliveryPort;
  whatsapp?: DeliveryPort;
  retry: RetryPolicy;
}

export interface SmtpConfig {
  /** SMTP_URL (smtp://user:pass@host:587, smtps://…), or host/port/secure/user/password */
  url?: string;
  host?: string;
  port?: number;
  secure?: boolean;
  user?: string;
  password?: string;
  /** MAIL_FROM */
  from: string;
}

/** Email through SMTP (nodemailer). */
export function smtpEmail(config: SmtpConfig): DeliveryPort & { close(): void } {
  const transport = config.url
    ? nodemailer.createTransport(config.url)
    : nodemailer.createTransport({
        host: config.host,
        port: config.port ?? 587,
        secure: config.secure ?? false,
        auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
      });
  return {
    async send(m) {
      try {
        const info = await transport.sendMail({ from: config.from, to: m.to, subject: m.subject, text: m.text });
        return { ref: info.messageId };
      } catch (e) {
        const code = (e as { responseCode?: number }).responseCode;
        // 5xx from the server: the mailbox or message is refused; anything else may pass later.
        throw new DeliveryError(e instanceof Error ? e.message : String(e), code !== undefined && code >= 500 && code < 600);
      }
    },
    close: () => transport.close(),
  };
}

export interface WhatsAppProvider {
  /** the provider's send-message endpoint (WhatsApp Business API style: POST JSON) */
  url: string;
  token: string;
}

/**
 * WhatsApp through an HTTP provider of the WhatsApp Business API's shape: POST `url` with
 * `Authorization: Bearer <token>` and `{messaging_product: "whatsapp", to: "62…", type: "text",
 * text: {body}}`; 2xx with `{messages: [{id}]}` is sent. 4xx other than 408/429 is a permanent
 * refusal; 5xx, 408, 429 and network errors are retried. One provider for the installation,
 * optionally one per office (`offices`).
 */
export function httpWhatsApp(config: { provider: WhatsAppProvider; offices?: Record<string, WhatsAppProvider>; timeoutMs?: number }): DeliveryPort {
  return {
    async send(m) {
      const p = (m.office && config.offices?.[m.office]) || config.provider;
      let res: Response;
      try {
        res = await fetch(p.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` },
          body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: toInternational(m.to), type: 'text', text: { preview_url: false, body: m.text } }),
          signal: AbortSignal.timeout(config.timeoutMs ?? 15_000),
        });
      } catch (e) {
        throw new DeliveryError(`WhatsApp provider unreachable: ${e instanceof Error ? e.message : String(e)}`);
      }
      const body = await res.text().catch(() => '');
      if (!res.ok) throw new DeliveryError(`WhatsApp provider HTTP ${res.status}: ${body.slice(0, 300)}`, res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429);
      let ref: string | undefined;
      try {
        ref = (JSON.parse(body) as { messages?: Array<{ id?: string }> }).messages?.[0]?.id;
      } catch {
        /* a 2xx without JSON is still accepted */
      }
      return { ref };
    },
  };
}

interface TakenRow {
  id: number;
  channel: string;
  recipient: string;
  office: string | null;
  subject: string;
  body: string;
  attempts: number;
}

/** Takes and leases one due row (one statement: SELECT … FOR UPDATE SKIP LOCKED inside the UPDATE). */
async function takeOne(db: Kysely<Database>, now: Date, leaseMs: number): Promise<TakenRow | undefined> {
  const { rows } = await sql<TakenRow>`
    update notification_outbox set attempts = attempts + 1, next_attempt_at = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz
    where id = (select id from notification_outbox where status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz
                order by next_attempt_at, id limit 1 for update skip locked)
    returning id, channel, recipient, office, subject, body, attempts`.execute(db);
  return rows[0];
}

export type DeliveryOutcome = { id: number; outcome: 'sent' | 'retry' | 'failed'; reason?: string };

/**
 * Sends one due outbox row, if any; undefined when none is due. `now` is injectable so tests move
 * the clock instead of sleeping through the backoff.
 */
async function deliverOne(db: Kysely<Database>, ports: OutboxPorts, now: Date = new Date()): Promise<DeliveryOutcome | undefined> {
  const row = await takeOne(db, now, ports.retry.leaseMs);
  if (!row) return undefined;
  const port = row.channel === 'email' ? ports.email : row.channel === 'whatsapp' ? ports.whatsapp : undefined;
  let ref: string | undefined;
  let error: DeliveryError | undefined;
  try {
    if (!port) throw new DeliveryError(`kanal ${row.channel} belum dikonfigurasi di server ini`);
    ref = (await port.send({ to: row.recipient, subject: row.subject, text: row.body, office: row.office })).ref;
  } catch (e) {
    error = e instanceof DeliveryError ? e : new DeliveryError(e instanceof Error ? e.message : String(e));
  }
  const reason = error?.message.slice(0, 2000);
  const giveUp = error !== undefined && (error.permanent || row.attempts >= ports.retry.maxAttempts);
  const outcome: DeliveryOutcome['outcome'] = !error ? 'sent' : giveUp ? 'failed' : 'retry';
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('notification_deliveries').values({ outbox_id: row.id, attempt: row.attempts, outcome: error ? 'failed' : 'sent', reason: reason ?? null, provider_ref: ref ?? null }).execute();
    // Only while the row is still ours (this attempt's lease): a taker after a lost lease decides.
    const mine = trx.updateTable('notification_outbox').where('id', '=', row.id).where('attempts', '=', row.attempts).where('status', '=', 'pending');
    if (outcome === 'sent') await mine.set({ status: 'sent', sent_at: new Date(), last_error: null }).execute();
    else if (outcome === 'failed') await mine.set({ status: 'failed', last_error: reason ?? null }).execute();
    else await mine.set({ next_attempt_at: new Date(now.getTime() + ports.retry.baseMs * 2 ** (row.attempts - 1)), last_error: reason ?? null }).execute();
  });
  return { id: row.id, outcome, reason };
}

/** Sends every row due at `now` (each at most once per call); returns what happened to each. */
export async function deliverDue(db: Kysely<Database>, ports: OutboxPorts, now: Date = new Date(), max = 1000): Promise<DeliveryOutcome[]> {
  const out: DeliveryOutcome[] = [];
  for (let i = 0; i < max; i++) {
    const r = await deliverOne(db, ports, now);
    if (!r) break;
    out.push(r);
  }
  return out;
}
