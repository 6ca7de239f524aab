/** Escapes LIKE wildcards so a search for "50%" or "a_b" matches those characters literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `%text%` for `ILIKE … ESCAPE '\'`. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** Copies the properties an update input gives (null included: it clears); undefined means "leave as is". */
export function assignGiven<T extends object, I extends object>(target: T, input: I, keys: (keyof I & keyof T)[]): void {
  for (const key of keys) {
    const value = input[key];
    if (value !== undefined) (target as Record<PropertyKey, unknown>)[key] = value;
  }
}

/** Rows of an UPDATE/DELETE … RETURNING (TypeORM answers those with [rows, count], other statements with rows). */
export async function returning<T = Record<string, unknown>>(
  db: { query(sql: string, parameters?: unknown[]): Promise<unknown> },
  sql: string,
  parameters?: unknown[],
): Promise<T[]> {
  const result = await db.query(sql, parameters);
  return (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result) as T[];
}
