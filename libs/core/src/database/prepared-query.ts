import { createHash } from 'node:crypto';
import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs a read as a named prepared statement on the data source's own pool. TypeORM sends every query unnamed, so
 * PostgreSQL plans it again at every call; a named one is parsed once per connection and, after five executions,
 * runs on a generic plan whenever that plan costs no more than the custom ones did. Worth it where planning costs
 * as much as running: the match list (docs/performance.md, "Load").
 *
 * Only for SQL written for it: text built from a few variants (each variant is prepared on every connection of the
 * pool), without `$n IS NULL OR ...` tests (a generic plan keeps them all: the first match list ran 6 times slower
 * that way), and with plans that do not hinge on the parameters' values.
 */
export async function preparedQuery<T extends QueryResultRow>(dataSource: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const name = statementName(sql);
  const { rows } = await pool.query<T>({ name, text: sql, values: params });
  return rows;
}

/** Each text's name, hashed once (not on every call of a hot path); the texts are few, as the rule above asks. */
const NAMES = new Map<string, string>();

/** The text's hash: one name per text, as node-postgres requires of named statements. */
function statementName(sql: string): string {
  let name = NAMES.get(sql);
  if (!name) {
    name = `hub_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    NAMES.set(sql, name);
  }
  return name;
}
