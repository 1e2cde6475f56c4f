import type { Kysely } from 'kysely';
import { canSendMessage, canSendSignal, isAdmin, maySendMessages, officesOf } from '../../../core/access.js';
import type { MessageCommand, MessageTarget, SignalCommand, SignalTarget } from '../../../runtime/engine.js';
import { RuntimeError } from '../../../runtime/errors.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import type { SessionUser } from '../accounts/accounts.js';
import { assertOfficeOffers, officeOffers } from '../offices/office-offers.js';
import { applicationOfRegistrationNumber } from '../workspace/registration-number.js';
import { engineFor } from './runtime-engine.js';
import { inStep, LOCKING_RUNTIME, type RuntimeContext } from './runtime-steps.js';

/**
 * A message from outside (a cashier's "payment received"): delivered only to applications the
 * sender may reach (core/access.ts canSendMessage: their offices, or any office with the
 * system-issued key, by a role the model lets send it), and a message start only at an office
 * that exists and offers the process.
 */
export async function correlateMessage(db: Kysely<Database>, user: SessionUser, msg: Omit<MessageCommand, 'authorize' | 'startedBy'>, opts: { runtime?: RuntimeContext } = {}) {
  if (!maySendMessages(user)) throw new RuntimeError('MESSAGE_NOT_ALLOWED', 'Pesan hanya dapat dikirim petugas atau sistem');
  // A registration number names its application (issue 21), but only to senders of its office:
  // it is printed and counts up, so it never carries the system-issued key's reach (the id's).
  const byNumber = await applicationOfRegistrationNumber(db, msg.correlationKey, isAdmin(user) ? 'all' : officesOf(user));
  const correlationKey = byNumber ?? msg.correlationKey;
  // Read through the step's transaction (PGlite has one connection: the outer handle would wait for the step).
  const authorize = (conn: Kysely<Database>) => async (target: MessageTarget) => {
    if (target.kind === 'start') await assertOfficeOffers(conn, target.office, target.processKey);
    return canSendMessage(user, byNumber ? { ...target, systemKey: false } : target);
  };
  const out = await inStep(db, (store, trx) => engineFor(db).correlate(store, { ...msg, correlationKey, startedBy: user.id, authorize: authorize(trx) }));
  (opts.runtime ?? LOCKING_RUNTIME).jobsQueued();
  return out;
}

/**
 * An officer broadcasts a signal in their office. Who may send which signal is declared in the
 * models (`sop:senders` on bpmn:signal, over the current publications): the sender must hold one
 * of those roles in that office. One step: the waiting catches and the signal starts together.
 */
export async function sendSignal(db: Kysely<Database>, user: SessionUser, sig: Omit<SignalCommand, 'startedBy' | 'authorize'>, opts: { runtime?: RuntimeContext } = {}) {
  const out = await inStep(db, async (store, trx) => {
    const engine = engineFor(db);
    const senders = new Set<string>();
    let declared = false;
    for (const pub of await store.currentPublications(new Date())) {
      const declaration = (await engine.model(store, pub.key, pub.n)).signals[sig.name];
      if (!declaration) continue;
      declared = true;
      for (const r of declaration.senders) senders.add(r);
    }
    if (!declared) throw new AppError('SIGNAL_NOT_DECLARED', `Sinyal "${sig.name}" tidak dideklarasikan proses mana pun yang berlaku`);
    if (!canSendSignal(user, sig.office, [...senders])) {
      throw new RuntimeError('NOT_ALLOWED', `Sinyal "${sig.name}" hanya dapat dikirim oleh ${[...senders].join(', ') || '(tidak ada peran)'} di kantor ${sig.office}`);
    }
    // Each model reached is asked again: its own senders, and a start only where the office offers it.
    const authorize = async (target: SignalTarget): Promise<boolean> =>
      canSendSignal(user, target.office, target.senders) && (target.kind === 'deliver' || (await officeOffers(trx, target.office, target.processKey)));
    return engine.signal(store, { ...sig, startedBy: user.id, authorize });
  });
  (opts.runtime ?? LOCKING_RUNTIME).jobsQueued();
  return out;
}
