import { type PGlite, type Results, parse, protocol } from '@electric-sql/pglite';

/**
 * Named statements on PGlite, the embedded database's counterpart of prepared.ts's
 * PreparingClient. PGlite's `query()` sends parse, describe, bind, describe and execute as five
 * separate calls into WebAssembly and PostgreSQL plans the text anew every time; for a runtime
 * step's statement (a dozen CTEs) the planning is most of its cost. A registered statement is
 * parsed once per database (PGlite is one session, so a named statement lives as long as it)
 * and afterwards each execution is ONE call: bind, execute and sync, with the row description
 * kept from the first describe.
 */

type BackendMessage = Parameters<typeof parse.parseResults>[0][number];

interface Prepared {
  /** Parameter types PostgreSQL inferred, to pick each value's serializer as `query()` does. */
  readonly paramTypes: readonly number[];
  /** The statement's row description (absent for a statement that returns no rows). */
  readonly rowDescription: BackendMessage | undefined;
}

const preparedByDatabase = new WeakMap<PGlite, Map<string, Prepared>>();

async function prepare(pglite: PGlite, name: string, text: string): Promise<Prepared> {
  const messages = await pglite.execProtocolStream(
    Buffer.concat([
      protocol.serialize.parse({ name, text }),
      protocol.serialize.describe({ type: 'S', name }),
      protocol.serialize.sync(),
    ]),
    { syncToFs: false },
  );
  return {
    paramTypes: parse.parseDescribeStatementResults(messages),
    rowDescription: messages.find((m) => m.name === 'rowDescription'),
  };
}

/**
 * Runs the registered statement `name` (its text `text`) with `params`. The caller holds the
 * database for itself (the dialect's mutex), in a transaction or not as `inTransaction` says.
 */
export async function runNamed<R>(
  pglite: PGlite,
  name: string,
  text: string,
  params: readonly unknown[],
  inTransaction: boolean,
): Promise<Results<R>> {
  let known = preparedByDatabase.get(pglite);
  if (!known) preparedByDatabase.set(pglite, (known = new Map<string, Prepared>()));
  const run = async (): Promise<Results<R>> => {
    let statement = known.get(name);
    if (!statement) {
      statement = await prepare(pglite, name, text);
      // Kept only once PostgreSQL accepted it: a parse that failed (an aborted transaction)
      // leaves no statement behind, and the next call prepares again.
      known.set(name, statement);
    }
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const type = statement.paramTypes[i];
      const serializer = type === undefined ? undefined : pglite.serializers[type];
      return serializer ? serializer(value) : String(value);
    });
    const messages = await pglite.execProtocolStream(
      Buffer.concat([
        protocol.serialize.bind({ statement: name, values }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ]),
      { syncToFs: false },
    );
    const withFields = statement.rowDescription ? [statement.rowDescription, ...messages] : messages;
    return parse.parseResults(withFields, pglite.parsers)[0] as Results<R>;
  };
  const result = inTransaction
    ? await pglite.runExclusive(run)
    : await pglite._runExclusiveTransaction(() => pglite.runExclusive(run));
  if (!inTransaction) await pglite.syncToFs();
  return result;
}
