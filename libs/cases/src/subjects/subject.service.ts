import { Injectable } from '@nestjs/common';
import { Brackets, type EntityManager } from 'typeorm';
import { type AccessScope, AccessScopes, type Actor } from '../../../access/src/index.js';
import { assignGiven, BadInputError, type Connection, ConflictError, containsPattern, type LoaderRegistry, loaderFor } from '../../../common/src/index.js';
import { AuditAction, newDataProtection, retentionYearsFor, updateDataProtection } from '../../../governance/src/index.js';
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
    throw new BadInputError('Give the person\'s name, or a description when the name is unknown (e.g. "male, 30s, red jacket")', {
      fields: ['name', 'description'],
    });
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
  constructor(private readonly scopes: AccessScopes) {}

  list(actor: Actor, args: SubjectsArgs): Promise<Connection<Subject>> {
    const { search, isChildSafeguarding, isAdultAtRisk, includeMerged } = args.filter ?? {};
    return this.scopes.of(actor).list(Subject, TYPE, args, { property: 'createdAt', direction: 'DESC' }, (qb, a) => {
      if (!includeMerged) qb.andWhere(`${a}.mergedIntoId IS NULL`);
      if (isChildSafeguarding !== undefined && isChildSafeguarding !== null)
        qb.andWhere(`${a}.isChildSafeguarding = :isChildSafeguarding`, { isChildSafeguarding });
      if (isAdultAtRisk !== undefined && isAdultAtRisk !== null) qb.andWhere(`${a}.isAdultAtRisk = :isAdultAtRisk`, { isAdultAtRisk });
      if (search) {
        qb.andWhere(
          new Brackets((w) => {
            w.where(`${a}.name ILIKE :search ESCAPE '\\'`)
              .orWhere(`${a}.description ILIKE :search ESCAPE '\\'`)
              .orWhere(`array_to_string(${a}.aliases, ' ') ILIKE :search ESCAPE '\\'`);
          }),
          { search: containsPattern(search) },
        );
      }
    });
  }

  /** A merged record is still readable (it says where it went: mergedIntoId). */
  get(actor: Actor, id: string): Promise<Subject> {
    return this.scopes.of(actor).find(Subject, TYPE, id);
  }

  /** For Case.subject: one query per request, with the reader's rules; null when not readable. Audited. */
  byId(ctx: { loaders: LoaderRegistry }, actor: Actor, id: string): Promise<Subject | null> {
    return loaderFor<Subject | null>(ctx, 'Subject.byId', (ids) => this.scopes.of(actor).byIds(Subject, TYPE, ids)).load(id);
  }

  /** Records the actor may read that may be the same person (see duplicateKeys). Audited. */
  possibleDuplicates(actor: Actor, args: PossibleDuplicatesArgs): Promise<Subject[]> {
    const keys = duplicateKeys(args);
    if (!keys.allKeys.length) throw new BadInputError('Give a name or at least one alias to look for possible duplicates');
    return this.findDuplicates(this.scopes.of(actor), keys);
  }

  /**
   * Same name with dates of birth that do not contradict, or any name/alias matching an alias.
   * Only among records the actor may read: a role that may not read people (STAFF) learns
   * nothing about who is recorded; managers find and merge such duplicates later. Each one found
   * is audited as a read (inside a create that is refused, those rows roll back with it: only the
   * ids are answered).
   */
  private async findDuplicates(s: AccessScope, keys: DuplicateKeys): Promise<Subject[]> {
    if (!keys.allKeys.length) return [];
    return s.findMany(
      Subject,
      TYPE,
      (qb, a) => {
        qb.andWhere(`${a}.mergedIntoId IS NULL`);
        qb.andWhere(
          new Brackets((w) => {
            w.where(`subject_alias_keys(${a}.aliases) && CAST(:dupAllKeys AS text[])`, { dupAllKeys: keys.allKeys });
            if (keys.nameKey) {
              w.orWhere(
                `(lower(btrim(${a}.name)) = :dupName AND (${a}.dateOfBirth IS NULL OR CAST(:dupDob AS date) IS NULL OR ${a}.dateOfBirth = CAST(:dupDob AS date)))`,
                { dupName: keys.nameKey, dupDob: keys.dateOfBirth },
              );
            }
            if (keys.aliasKeys.length) w.orWhere(`lower(btrim(${a}.name)) IN (:...dupAliasKeys)`, { dupAliasKeys: keys.aliasKeys });
          }),
        );
        qb.take(DUPLICATES_MAX);
      },
      { orderBy: { property: 'createdAt', direction: 'DESC' } },
    );
  }

  async create(actor: Actor, input: CreateSubjectInput): Promise<Subject> {
    const scope = this.scopes.of(actor);
    const libraryServiceId = actor.principal.libraryServiceId;
    scope.assertCan('create', TYPE, { libraryServiceId });
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
    return scope.transaction(async (s, m) => {
      if (!input.confirmNotDuplicate) {
        const candidates = await this.findDuplicates(s, duplicateKeys(fields));
        if (candidates.length) {
          throw new ConflictError(
            `This person may already be recorded (${candidates.length} possible duplicate${candidates.length > 1 ? 's' : ''}): ` +
              'check the records in candidateIds, and use one of them, or create again with confirmNotDuplicate: true if this is someone else',
            { reason: 'POSSIBLE_DUPLICATE', candidateIds: candidates.map((c) => c.id) },
          );
        }
      }
      const repo = m.getRepository(Subject);
      const subject = await repo.save(
        repo.create({
          ...fields,
          libraryServiceId,
          mergedIntoId: null,
          mergedAt: null,
          createdById: actor.principal.id,
          dataProtection: newDataProtection('SUBJECT', input.dataProtection, subjectRetainUntil(null, await retentionYearsFor(m, libraryServiceId, 'SUBJECT'))),
        }),
      );
      await s.audited(AuditAction.CREATE, TYPE, [subject]);
      return subject;
    });
  }

  async update(actor: Actor, input: UpdateSubjectInput): Promise<Subject> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const subject = await s.forWrite(Subject, TYPE, input.id, 'update', input.version);
      if (subject.mergedIntoId)
        throw new ConflictError(`${TYPE} ${subject.id} was merged into ${subject.mergedIntoId}: change that record instead`, {
          mergedIntoId: subject.mergedIntoId,
        });
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
      assignGiven(subject, changes, [
        'name',
        'description',
        'aliases',
        'dateOfBirth',
        'ageBand',
        'photoReference',
        'isChildSafeguarding',
        'isAdultAtRisk',
        'notes',
      ]);
      assertValidSubject(subject);
      updateDataProtection(
        'SUBJECT',
        subject.dataProtection,
        input.dataProtection,
        subjectRetainUntil(subject.dataProtection.retainUntil, await retentionYearsFor(m, subject.libraryServiceId, 'SUBJECT')),
      );
      const saved = await m.getRepository(Subject).save(subject);
      await extendSubjectRetention(m, saved.id, saved.dataProtection.retainUntil);
      await s.audited(AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }
}
