import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Action, type Actor, assertAllowed } from '../../access/src/index.js';
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
