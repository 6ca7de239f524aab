import type { EntityManager } from 'typeorm';

/**
 * Whether a database error is a refusal of this one record (a foreign key still pointing at it,
 * a constraint, a trigger saying no), as opposed to a failure of the database itself.
 */
export function recordRefusal(err: unknown): boolean {
  const code = (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code ?? '';
  return code.startsWith('23') || code === 'P0001' || code === '42501';
}

/**
 * Runs `fn` on the whole batch inside a savepoint; if the database refuses, retries record by
 * record, so one record that cannot go does not hold up the rest. Returns what was done and what
 * was refused. Other errors are rethrown (the batch's transaction rolls back).
 */
export async function withSavepoints(m: EntityManager, ids: string[], fn: (ids: string[]) => Promise<string[]>): Promise<{ done: string[]; failed: string[] }> {
  if (!ids.length) return { done: [], failed: [] };
  const attempt = async (batch: string[]): Promise<string[] | null> => {
    await m.query('SAVEPOINT retention_step');
    try {
      const done = await fn(batch);
      await m.query('RELEASE SAVEPOINT retention_step');
      return done;
    } catch (err) {
      if (!recordRefusal(err)) throw err;
      await m.query('ROLLBACK TO SAVEPOINT retention_step');
      await m.query('RELEASE SAVEPOINT retention_step');
      return null;
    }
  };
  const all = await attempt(ids);
  if (all) return { done: all, failed: [] };
  const done: string[] = [];
  const failed: string[] = [];
  for (const id of ids) {
    const one = await attempt([id]);
    if (one) done.push(...one);
    else failed.push(id);
  }
  return { done, failed };
}
