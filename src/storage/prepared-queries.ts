import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import { namedStatements } from './pg-named-statements.js';
import type { Database } from './schema.js';

/** Stands in a query for a value given when it runs. */
class Slot {
  constructor(readonly name: string) {}
}

/** Puts a named slot where a value goes; typed as the value so query builders accept it. */
export type SlotOf = <T = string>(name: string) => T;

interface Template {
  compiled: CompiledQuery<unknown>;
  /** The slot name behind each parameter. */
  slots: string[];
}

/** Compiled templates per dialect (the adapter is shared by a Kysely instance and its transactions). */
const templates = new WeakMap<object, Map<string, Template>>();

/**
 * Runs a query of fixed shape that Kysely built and compiled once per dialect, with this call's values in
 * its slots. Under load, building and compiling the token owner's query on every request cost more than
 * running it: an authenticated GET /api/v1/session went from 6.2k to 13.6k req/s when it was compiled once.
 *
 * `key` must name one SQL shape: when the shape depends on the input (a viewer's role, how many teams),
 * the key says so, e.g. `incident-by-id:teams=2`. Every parameter must be a slot: a value the builder
 * captured from its first caller (a token hash, a user id) would otherwise be reused for every later
 * caller, so it is refused when the template is compiled; fixed values go in as `sql.lit`. On PostgreSQL
 * the template runs as a named prepared statement (pg-named-statements.ts).
 */
export async function runPrepared<Row>(
  db: Kysely<Database>,
  key: string,
  build: (slot: SlotOf) => Compilable<Row>,
  values: Readonly<Record<string, unknown>>,
): Promise<Row[]> {
  const template = templateOf(db, key, build);
  const parameters = template.slots.map((name) => {
    if (!(name in values)) throw new Error(`prepared query ${key}: no value for slot ${name}`);
    return values[name];
  });
  const result = await db.executeQuery<Row>({ ...template.compiled, parameters });
  return result.rows;
}

function templateOf<Row>(db: Kysely<Database>, key: string, build: (slot: SlotOf) => Compilable<Row>) {
  const adapter = db.getExecutor().adapter;
  let byKey = templates.get(adapter);
  if (!byKey) {
    byKey = new Map();
    templates.set(adapter, byKey);
  }
  const known = byKey.get(key);
  if (known) return known;
  const named = new Set<string>();
  const slot: SlotOf = <T>(name: string) => {
    named.add(name);
    return new Slot(name) as unknown as T;
  };
  const compiled = build(slot).compile();
  const slots = compiled.parameters.map((p, i) => {
    if (!(p instanceof Slot)) {
      throw new Error(`prepared query ${key}: parameter ${i + 1} is a value, not a slot`);
    }
    return p.name;
  });
  for (const name of named) {
    if (!slots.includes(name)) throw new Error(`prepared query ${key}: slot ${name} is not a parameter`);
  }
  const template: Template = { compiled, slots };
  byKey.set(key, template);
  // On PostgreSQL the text then runs as a named statement, parsed and planned once per connection.
  namedStatements.register(compiled.sql);
  return template;
}
