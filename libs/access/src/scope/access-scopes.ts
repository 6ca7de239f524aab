import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../common/src/index.js';
import { AuditService } from '../../../governance/src/index.js';
import type { Actor } from '../ability/actor.js';
import { AccessScope, AuditAllowance } from './access-scope.js';
import { SqlConditions } from './sql-conditions.js';

/**
 * Hands out the access scope of a request: built once per actor (the actor is made once per
 * request, from its token), so every service of that request reads through the same scope.
 */
@Injectable()
export class AccessScopes {
  private readonly byActor = new WeakMap<Actor, AccessScope>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly conditions: SqlConditions,
    // Without it (the demo seed, which is no request) there is no ceiling on audit rows.
    @Optional() @Inject(APP_CONFIG) private readonly config?: Pick<AppConfig, 'REQUEST_MAX_AUDIT_ROWS'>,
  ) {}

  of(actor: Actor): AccessScope {
    let scope = this.byActor.get(actor);
    if (!scope) {
      const allowance = new AuditAllowance(this.config?.REQUEST_MAX_AUDIT_ROWS);
      scope = new AccessScope({ db: this.db, audit: this.audit, conditions: this.conditions }, actor, this.db.manager, allowance);
      this.byActor.set(actor, scope);
    }
    return scope;
  }
}
