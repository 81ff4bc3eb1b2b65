// What the people's-data tests look for: every text, varchar, json and jsonb column of every schema of the test
// database that still holds a person's email, and waiting until a condition holds.
import { Pool } from 'pg';

export async function eventually(check: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Every text, varchar, json and jsonb column of every schema of the test database that holds `email`. */
export async function columnsHolding(pool: Pool, email: string): Promise<string[]> {
  const { rows: columns } = await pool.query<{
    table_schema: string;
    table_name: string;
    column_name: string;
  }>(
    `select c.table_schema, c.table_name, c.column_name from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where t.table_type = 'BASE TABLE' and c.table_schema not in ('pg_catalog', 'information_schema')
        and c.data_type in ('text', 'character varying', 'json', 'jsonb')`,
  );
  // The four services' schemas: a search of nothing would find nothing.
  if (columns.length < 40) throw new Error(`only ${columns.length} text columns to search`);
  const holding: string[] = [];
  for (const { table_schema, table_name, column_name } of columns) {
    const { rows } = await pool.query(
      `select count(*)::int as n from "${table_schema}"."${table_name}" where strpos(lower("${column_name}"::text), $1) > 0`,
      [email.toLowerCase()],
    );
    if (rows[0].n > 0) holding.push(`${table_schema}.${table_name}.${column_name} (${rows[0].n})`);
  }
  return holding;
}
