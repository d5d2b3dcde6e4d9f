import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * The SQL texts PostgreSQL runs as named prepared statements: the compiled-once queries of
 * prepared-queries.ts (token owner, incident by id, …). Named, each connection parses and plans them once;
 * unnamed, the server parsed and planned every one of them again on every request.
 */
export class NamedStatements {
  private readonly names = new Map<string, string>();
  private issued = 0;

  register(text: string): void {
    if (!this.names.has(text)) this.names.set(text, this.fresh());
  }

  nameOf(text: string): string | undefined {
    return this.names.get(text);
  }

  /** A new name for a statement whose prepared form went stale, so every connection prepares it again. */
  renew(text: string): string {
    const name = this.fresh();
    this.names.set(text, name);
    return name;
  }

  private fresh(): string {
    this.issued += 1;
    return `hindsight_${this.issued}`;
  }
}

/** Shared by every store of the process: the texts depend only on the query, never on the database. */
export const namedStatements = new NamedStatements();

/**
 * A prepared `select *` fails with "cached plan must not change result type" once another instance's
 * migration has added a column: the statement is prepared again under a new name and the query retried.
 * Inside a transaction the failed statement has aborted it, so the retry fails and that one transaction
 * is refused; the new name serves every later one.
 */
function isStalePlan(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return e?.code === '0A000' && String(e.message).includes('cached plan must not change result type');
}

type Query = (text: unknown, values?: unknown) => Promise<pg.QueryResult>;

function withNames(client: pg.PoolClient, statements: NamedStatements): PostgresPoolClient {
  const plain = client.query.bind(client) as Query;
  const query: Query = async (text, values) => {
    const name = typeof text === 'string' ? statements.nameOf(text) : undefined;
    if (name === undefined || typeof text !== 'string') return plain(text, values);
    try {
      return await plain({ name, text, values });
    } catch (error) {
      if (!isStalePlan(error)) throw error;
      return plain({ name: statements.renew(text), text, values });
    }
  };
  return { query, release: (destroy?: boolean) => client.release(destroy) } as unknown as PostgresPoolClient;
}

/** The pool Kysely's PostgreSQL dialect gets: its clients run registered texts as named statements. */
export function poolWithNamedStatements(pool: pg.Pool, statements = namedStatements): PostgresPool {
  // One wrapper per pooled client, so Kysely (which keys its connections by client) reuses its own.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    connect: async () => {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = withNames(client, statements);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
