// A person's email and names, replaced in every text and JSON column of one service's own schema: the part of an
// erasure every service runs on its own tables. Rows stay (so every count stays); only the text changes. The
// email is replaced wherever it is written; the names only in the values that also hold the email (a mail to
// the person, a message about their space), so that another person who shares a first name keeps it. Columns
// that hold a name beside the email (host_name, organizer_name) are the caller's: it knows which they are.
import type { EntityManager } from '@mikro-orm/postgresql';

export interface ErasedPerson {
  email: string;
  /** The names the service knows for the email. */
  names: string[];
  placeholder: { email: string; name: string };
}

interface TextColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  character_maximum_length: number | null;
}

/** Escapes a value for a PostgreSQL regular expression (ARE). */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The text, JSON and JSONB columns of the schema's tables. */
export async function textColumnsOf(em: EntityManager, schema: string): Promise<TextColumn[]> {
  return em.execute(
    `select c."table_name", c."column_name", c."data_type", c."character_maximum_length"
       from information_schema.columns c
       join information_schema.tables t on t."table_schema" = c."table_schema" and t."table_name" = c."table_name"
      where c."table_schema" = ? and t."table_type" = 'BASE TABLE'
        and c."data_type" in ('text', 'character varying', 'json', 'jsonb')
      order by c."table_name", c."ordinal_position"`,
    [schema],
  );
}

/**
 * Replaces the person in every text and JSON column of `schema`, in the caller's transaction. Returns how many
 * values changed, by table.
 */
export async function erasePersonIn(
  em: EntityManager,
  schema: string,
  person: ErasedPerson,
): Promise<Record<string, number>> {
  const email = literal(person.email);
  const names = person.names.filter((name) => name.trim().length > 1).map(literal);
  const changed: Record<string, number> = {};
  for (const column of await textColumnsOf(em, schema)) {
    const name = `"${column.column_name}"`;
    const asText = column.data_type.startsWith('json') ? `${name}::text` : name;
    // JSON text keeps its quotes and escapes: the placeholders hold neither.
    let value = `regexp_replace(${asText}, ?, ?, 'gi')`;
    const parameters: unknown[] = [email, person.placeholder.email];
    if (names.length) {
      value = `regexp_replace(${value}, ?, ?, 'g')`;
      parameters.push(`\\m(${names.join('|')})\\M`, person.placeholder.name);
    }
    if (column.data_type.startsWith('json')) value = `(${value})::${column.data_type}`;
    else if (column.character_maximum_length) value = `left(${value}, ${column.character_maximum_length})`;
    const rows: unknown[] = await em.execute(
      `update "${schema}"."${column.table_name}" set ${name} = ${value} where ${asText} ~* ? returning 1`,
      [...parameters, email],
    );
    if (rows.length) changed[column.table_name] = (changed[column.table_name] ?? 0) + rows.length;
  }
  return changed;
}

/**
 * Every row of the schema's tables (but `except`) with the email in one of its text or JSON columns, by table:
 * the part of a person's copy that a service answers from its own tables.
 */
export async function rowsMentioning(
  em: EntityManager,
  schema: string,
  email: string,
  except: readonly string[] = [],
): Promise<Record<string, unknown[]>> {
  const byTable = new Map<string, string[]>();
  for (const column of await textColumnsOf(em, schema)) {
    if (except.includes(column.table_name)) continue;
    const asText = column.data_type.startsWith('json')
      ? `t."${column.column_name}"::text`
      : `t."${column.column_name}"`;
    byTable.set(column.table_name, [...(byTable.get(column.table_name) ?? []), asText]);
  }
  const pattern = literal(email);
  const found: Record<string, unknown[]> = {};
  for (const [table, columns] of byTable) {
    const rows: { row: unknown }[] = await em.execute(
      `select to_jsonb(t) as "row" from "${schema}"."${table}" t where ${columns.map((c) => `${c} ~* ?`).join(' or ')}`,
      columns.map(() => pattern),
    );
    if (rows.length) found[table] = rows.map(({ row }) => row);
  }
  return found;
}

/** The messaging tables every service keeps: messages about many people, never part of one person's copy. */
export const MESSAGING_TABLES = ['outbox_message', 'processed_message', 'timer', 'used_link'] as const;
