/** Runs one SQL statement with parameters (a pg client's, a DataSource's or an EntityManager's query). */
export type Query = (sql: string, params: unknown[]) => Promise<unknown>;

/** Column name → PostgreSQL type (`text[]` for arrays, which must hold items of [A-Za-z0-9_] only). */
export type ColumnTypes = Record<string, string>;

/** PostgreSQL array literal of simple items: arrays of arrays do not bind as one parameter, literals do. */
const arrayLiteral = (items: readonly unknown[]) => `{${items.join(',')}}`;

/**
 * Inserts `rows` into `table` with INSERT ... SELECT FROM unnest(...), `chunk` rows per statement: one column
 * array per parameter, so 5,000 rows cost one round trip. Only the columns named in `types` are written.
 */
export async function bulkInsert(query: Query, table: string, types: ColumnTypes, rows: ReadonlyArray<object>, chunk = 5_000): Promise<number> {
  const names = Object.keys(types);
  const isArray = names.map((n) => types[n].endsWith('[]'));
  const unnest = names.map((n, i) => `$${i + 1}::${isArray[i] ? 'text' : types[n]}[]`);
  const select = names.map((n, i) => (isArray[i] ? `u.${n}::${types[n]}` : `u.${n}`));
  const sql = `INSERT INTO ${table} (${names.join(', ')}) SELECT ${select.join(', ')} FROM unnest(${unnest.join(', ')}) AS u(${names.join(', ')})`;
  for (let start = 0; start < rows.length; start += chunk) {
    const slice = rows.slice(start, start + chunk) as Array<Record<string, unknown>>;
    await query(
      sql,
      names.map((n, i) => slice.map((row) => (isArray[i] ? arrayLiteral(row[n] as unknown[]) : (row[n] ?? null)))),
    );
  }
  return rows.length;
}
