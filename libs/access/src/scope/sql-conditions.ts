import type { SubjectType } from '../ability/subjects.js';

/**
 * SQL for a rule condition that is not a column but a fact in another table (e.g. "this case has a
 * live share with organisation X"): given the row's alias and a parameter list `(:...p)`, a boolean
 * expression. Rules use it like a column with equality or $in:
 *   can('read', 'SharedCase', { liveShareOrganisationId: orgId })
 * In-memory checks cannot see other tables: check writes on such records in SQL too.
 */
export type SqlCondition = (alias: string, param: string) => string;

/**
 * The registered SQL conditions of one running app. Each context that owns such a fact registers it
 * when the app starts (a provider's onModuleInit; the CLI does it when it builds its scopes); a rule
 * naming a condition nobody registered is refused when turned into SQL, never ignored.
 */
export class SqlConditions {
  private readonly byKey = new Map<string, SqlCondition>();

  register(type: SubjectType, field: string, sql: SqlCondition): this {
    const key = `${type}.${field}`;
    if (this.byKey.has(key) && this.byKey.get(key) !== sql) throw new Error(`SQL condition ${key} is registered twice`);
    this.byKey.set(key, sql);
    return this;
  }

  get(type: SubjectType, field: string): SqlCondition | undefined {
    return this.byKey.get(`${type}.${field}`);
  }

  private restrictedPerson: ((subjectIdSql: string) => string) | null = null;

  /**
   * The one SQL predicate "this person is restricted now" (UK GDPR Art 18), registered by the context
   * that keeps restrictions; the `subjectRestricted` condition of each person-record type is built on it.
   */
  registerRestrictedPerson(sql: (subjectIdSql: string) => string): this {
    this.restrictedPerson = sql;
    return this;
  }

  restrictedPersonSql(subjectIdSql: string): string {
    if (!this.restrictedPerson) throw new Error('No restriction predicate is registered: the governance context registers it at start-up');
    return this.restrictedPerson(subjectIdSql);
  }
}
