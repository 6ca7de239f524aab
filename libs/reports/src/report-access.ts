import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, ObjectLiteral } from 'typeorm';
import { AccessScopes, type Action, type Actor, assertAllowed, type SubjectType } from '../../access/src/index.js';
import { BadInputError } from '../../common/src/index.js';

/**
 * What every report checks first: the ability allows `action` on the reports of the reader's own
 * service (reports.rules.ts), and every branch named is one of that service's.
 */
@Injectable()
export class ReportAccess {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The reader's library service, once the rules allow them the report. */
  async check(actor: Actor, action: Action, branchIds?: readonly string[] | null): Promise<string> {
    const serviceId = actor.principal.libraryServiceId;
    assertAllowed(actor, action, 'Report', { libraryServiceId: serviceId });
    if (branchIds?.length) {
      const rows: { id: string }[] = await this.db.query(`SELECT id FROM branch WHERE id = ANY($1::uuid[]) AND library_service_id = $2`, [
        [...branchIds],
        serviceId,
      ]);
      const found = new Set(rows.map((r) => r.id));
      const stranger = branchIds.find((id) => !found.has(id));
      if (stranger) throw new BadInputError(`Branch ${stranger} is not a branch of your library service`, { field: 'branchIds' });
    }
    return serviceId;
  }
}

/** A rules-applied SELECT of some columns of a table (the access scope's WHERE), to count over as a CTE; its parameters are $1…$n. */
export interface ScopedRows {
  sql: string;
  params: unknown[];
}

/**
 * The records of `type` the reader may read, as SQL selecting `columns` (snake_case) and `id`: the
 * access rules are its WHERE, as for every read (referral-statistics.service.ts does the same), so a
 * report counts exactly what its reader could list. Null when they may read none.
 */
export function scopedRows(scopes: AccessScopes, actor: Actor, entity: string, type: SubjectType, columns: string[]): Promise<ScopedRows | null> {
  return scopes.of(actor).aggregate<ObjectLiteral, ScopedRows | null>(
    entity,
    type,
    async (qb, a) => {
      qb.select(`${a}.id`, 'id');
      for (const column of columns) qb.addSelect(`${a}.${column}`, column);
      const [sql, params] = qb.getQueryAndParameters();
      return { sql, params };
    },
    null,
  );
}

/** `$n` placeholders of `sql` moved up by `by`, for SQL placed after another statement's parameters. */
export function shiftParams(sql: string, by: number): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + by}`);
}
