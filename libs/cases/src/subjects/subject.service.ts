import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import { accessibleQuery, type Actor, assertCan, auditEach, findAccessible, findForWrite } from '../../../access/src/index.js';
import {
  assignGiven, BadInputError, type Connection, ConflictError, containsPattern, emptyConnection, type LoaderRegistry, loaderFor, paginate,
} from '../../../common/src/index.js';
import { AuditAction, AuditService, newDataProtection, retentionYearsFor, updateDataProtection } from '../../../governance/src/index.js';
import type { CreateSubjectInput } from './dto/create-subject.input.js';
import type { PossibleDuplicatesArgs } from './dto/possible-duplicates.args.js';
import type { SubjectsArgs } from './dto/subject-filter.input.js';
import type { UpdateSubjectInput } from './dto/update-subject.input.js';
import { Subject } from './subject.entity.js';
import { duplicateKeys, type DuplicateKeys, isPlausibleDateOfBirth, normaliseAliases, normaliseName, subjectRetainUntil } from './subject-rules.js';

const TYPE = 'Subject';
const DUPLICATES_MAX = 20;

const blankToNull = (v: string | null | undefined) => (v == null ? v : normaliseName(v) || null);

/** The rules every saved subject keeps, checked after create and update alike. */
function assertValidSubject(s: Pick<Subject, 'name' | 'description' | 'dateOfBirth' | 'ageBand'>): void {
  if (!s.name && !s.description) {
    throw new BadInputError('Give the person\'s name, or a description when the name is unknown (e.g. "male, 30s, red jacket")', { fields: ['name', 'description'] });
  }
  if (s.dateOfBirth && s.ageBand) throw new BadInputError('Give either dateOfBirth or ageBand, not both', { fields: ['dateOfBirth', 'ageBand'] });
  if (s.dateOfBirth && !isPlausibleDateOfBirth(s.dateOfBirth)) {
    throw new BadInputError('dateOfBirth must not be in the future nor before 1900-01-01', { field: 'dateOfBirth' });
  }
}

/**
 * A subject's retention date reaches at least `date` (never shortened), with its special category
 * details, which follow the subject. Used when linked activity (a case) is recorded.
 */
export async function extendSubjectRetention(m: EntityManager, subjectId: string, date: string): Promise<void> {
  await m.query(`UPDATE subject SET retain_until = GREATEST(retain_until, $2::date) WHERE id = $1`, [subjectId, date]);
  await m.query(`UPDATE subject_special_category SET retain_until = GREATEST(retain_until, $2::date) WHERE subject_id = $1`, [subjectId, date]);
}

/** Subjects are personal data: every read writes one READ audit row per subject returned. */
@Injectable()
export class SubjectService {
  constructor(@InjectDataSource() private readonly db: DataSource, private readonly audit: AuditService) {}

  async list(actor: Actor, args: SubjectsArgs): Promise<Connection<Subject>> {
    const qb = accessibleQuery(this.db.manager, Subject, TYPE, actor);
    if (!qb) return emptyConnection();
    const a = qb.alias;
    const { search, isChildSafeguarding, isAdultAtRisk, includeMerged } = args.filter ?? {};
    if (!includeMerged) qb.andWhere(`${a}.mergedIntoId IS NULL`);
    if (isChildSafeguarding !== undefined && isChildSafeguarding !== null) qb.andWhere(`${a}.isChildSafeguarding = :isChildSafeguarding`, { isChildSafeguarding });
    if (isAdultAtRisk !== undefined && isAdultAtRisk !== null) qb.andWhere(`${a}.isAdultAtRisk = :isAdultAtRisk`, { isAdultAtRisk });
    if (search) {
      qb.andWhere(new Brackets((w) => {
        w.where(`${a}.name ILIKE :search ESCAPE '\\'`)
          .orWhere(`${a}.description ILIKE :search ESCAPE '\\'`)
          .orWhere(`array_to_string(${a}.aliases, ' ') ILIKE :search ESCAPE '\\'`);
      }), { search: containsPattern(search) });
    }
    const page = await paginate(qb, args, { property: 'createdAt', direction: 'DESC' });
    await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, TYPE, page.edges.map((e) => e.node));
    return page;
  }

  /** A merged record is still readable (it says where it went: mergedIntoId). */
  async get(actor: Actor, id: string): Promise<Subject> {
    const subject = await findAccessible(this.db.manager, Subject, TYPE, actor, id);
    await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, TYPE, [subject]);
    return subject;
  }

  /** For Case.subject: one query per request, with the reader's rules; null when not readable. Audited. */
  byId(ctx: { loaders: LoaderRegistry }, actor: Actor, id: string): Promise<Subject | null> {
    return loaderFor<Subject | null>(ctx, 'Subject.byId', async (ids) => {
      const qb = accessibleQuery(this.db.manager, Subject, TYPE, actor);
      const rows = qb ? await qb.andWhere(`${qb.alias}.id IN (:...ids)`, { ids }).getMany() : [];
      await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, TYPE, rows);
      const found = new Map(rows.map((r) => [r.id, r]));
      return ids.map((key) => found.get(key) ?? null);
    }).load(id);
  }

  /** Records the actor may read that may be the same person (see duplicateKeys). Audited. */
  async possibleDuplicates(actor: Actor, args: PossibleDuplicatesArgs): Promise<Subject[]> {
    const keys = duplicateKeys(args);
    if (!keys.allKeys.length) throw new BadInputError('Give a name or at least one alias to look for possible duplicates');
    const found = await this.findDuplicates(this.db.manager, actor, keys);
    await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, TYPE, found);
    return found;
  }

  /**
   * Same name with dates of birth that do not contradict, or any name/alias matching an alias.
   * Only among records the actor may read: a role that may not read people (STAFF) learns
   * nothing about who is recorded; managers find and merge such duplicates later.
   */
  private async findDuplicates(m: EntityManager, actor: Actor, keys: DuplicateKeys, excludeId?: string): Promise<Subject[]> {
    if (!keys.allKeys.length) return [];
    const qb = accessibleQuery(m, Subject, TYPE, actor);
    if (!qb) return [];
    const a = qb.alias;
    qb.andWhere(`${a}.mergedIntoId IS NULL`);
    if (excludeId) qb.andWhere(`${a}.id <> :excludeId`, { excludeId });
    qb.andWhere(new Brackets((w) => {
      w.where(`subject_alias_keys(${a}.aliases) && CAST(:dupAllKeys AS text[])`, { dupAllKeys: keys.allKeys });
      if (keys.nameKey) {
        w.orWhere(`(lower(btrim(${a}.name)) = :dupName AND (${a}.dateOfBirth IS NULL OR CAST(:dupDob AS date) IS NULL OR ${a}.dateOfBirth = CAST(:dupDob AS date)))`,
          { dupName: keys.nameKey, dupDob: keys.dateOfBirth });
      }
      if (keys.aliasKeys.length) w.orWhere(`lower(btrim(${a}.name)) IN (:...dupAliasKeys)`, { dupAliasKeys: keys.aliasKeys });
    }));
    return qb.orderBy(`${a}.createdAt`, 'DESC').addOrderBy(`${a}.id`, 'DESC').take(DUPLICATES_MAX).getMany();
  }

  async create(actor: Actor, input: CreateSubjectInput): Promise<Subject> {
    const libraryServiceId = actor.principal.libraryServiceId;
    assertCan(actor, 'create', TYPE, { libraryServiceId });
    const fields = {
      name: blankToNull(input.name) ?? null,
      description: input.description || null,
      aliases: normaliseAliases(input.aliases ?? []),
      dateOfBirth: input.dateOfBirth ?? null,
      ageBand: input.ageBand ?? null,
      photoReference: input.photoReference || null,
      isChildSafeguarding: input.isChildSafeguarding ?? false,
      isAdultAtRisk: input.isAdultAtRisk ?? false,
      notes: input.notes || null,
    };
    assertValidSubject(fields);
    return this.db.transaction(async (m) => {
      if (!input.confirmNotDuplicate) {
        const candidates = await this.findDuplicates(m, actor, duplicateKeys(fields));
        if (candidates.length) {
          throw new ConflictError(
            `This person may already be recorded (${candidates.length} possible duplicate${candidates.length > 1 ? 's' : ''}): `
            + 'check the records in candidateIds, and use one of them, or create again with confirmNotDuplicate: true if this is someone else',
            { reason: 'POSSIBLE_DUPLICATE', candidateIds: candidates.map((c) => c.id) });
        }
      }
      const repo = m.getRepository(Subject);
      const subject = await repo.save(repo.create({
        ...fields,
        libraryServiceId,
        mergedIntoId: null,
        mergedAt: null,
        createdById: actor.principal.id,
        dataProtection: newDataProtection(input.dataProtection, subjectRetainUntil(null, await retentionYearsFor(m, libraryServiceId, 'SUBJECT'))),
      }));
      await auditEach(this.audit, m, actor, AuditAction.CREATE, TYPE, [subject]);
      return subject;
    });
  }

  async update(actor: Actor, input: UpdateSubjectInput): Promise<Subject> {
    return this.db.transaction(async (m) => {
      const subject = await findForWrite(m, Subject, TYPE, actor, input.id, 'update', input.version);
      if (subject.mergedIntoId) throw new ConflictError(`${TYPE} ${subject.id} was merged into ${subject.mergedIntoId}: change that record instead`, { mergedIntoId: subject.mergedIntoId });
      const changes = {
        ...input,
        name: blankToNull(input.name),
        description: input.description === undefined ? undefined : input.description || null,
        aliases: input.aliases === undefined ? undefined : normaliseAliases(input.aliases),
        photoReference: input.photoReference === undefined ? undefined : input.photoReference || null,
        notes: input.notes === undefined ? undefined : input.notes || null,
      };
      // A date of birth is more precise than an age band: giving one clears the band.
      if (changes.dateOfBirth && changes.ageBand === undefined) changes.ageBand = null;
      assignGiven(subject, changes, ['name', 'description', 'aliases', 'dateOfBirth', 'ageBand', 'photoReference', 'isChildSafeguarding', 'isAdultAtRisk', 'notes']);
      assertValidSubject(subject);
      updateDataProtection(subject.dataProtection, input.dataProtection, subjectRetainUntil(subject.dataProtection.retainUntil, await retentionYearsFor(m, subject.libraryServiceId, 'SUBJECT')));
      const saved = await m.getRepository(Subject).save(subject);
      await extendSubjectRetention(m, saved.id, saved.dataProtection.retainUntil);
      await auditEach(this.audit, m, actor, AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }
}
