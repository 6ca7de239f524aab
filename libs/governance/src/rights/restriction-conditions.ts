import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SHARED_CASE_VIEWS, SqlConditions, type SubjectType } from '../../../access/src/index.js';
import { subjectRestrictedSql } from './restriction.js';

/**
 * The person-record types (PERSON_RECORD_TYPES in the access rules), by the SQL naming the record's
 * person. A merged duplicate is one of its person's records (docs/domain.md): restricted with them.
 */
export const RESTRICTABLE_TYPES: [SubjectType, (alias: string) => string][] = [
  ['Subject', (a) => `coalesce(${a}."merged_into_id", ${a}."id")`],
  ['SubjectSpecialCategory', (a) => `${a}."subject_id"`],
  ['Case', (a) => `${a}."subject_id"`],
  ['Ban', (a) => `${a}."subject_id"`],
  ['Referral', (a) => `${a}."subject_id"`],
  ['IntelligenceItem', (a) => `${a}."subject_id"`],
  ['SharedCase', (a) => `${a}."subject_id"`],
  ['CaseUpdate', (a) => `(SELECT rc.subject_id FROM case_file rc WHERE rc.id = ${a}."case_id")`],
  // The shared-case views carry the case's person.
  ...SHARED_CASE_VIEWS.map((type): [SubjectType, (alias: string) => string] => [type, (a) => `${a}."subject_id"`]),
];

/** "This person is restricted now": an active row in subject_restriction. */
const restrictedPersonSql = subjectRestrictedSql;

/**
 * Registers the `subjectRestricted` condition that the restriction rule (libs/access
 * restriction.rules.ts) uses, for every person-record type: `(person is restricted) IN (:...p)`.
 */
export function registerRestrictionConditions(conditions: SqlConditions): void {
  conditions.registerRestrictedPerson(restrictedPersonSql);
  for (const [type, person] of RESTRICTABLE_TYPES) {
    conditions.register(type, 'subjectRestricted', (alias, param) => `(${restrictedPersonSql(person(alias))}) IN ${param}`);
  }
}

/** Registers them when the app starts. */
@Injectable()
export class RestrictionConditions implements OnModuleInit {
  constructor(private readonly conditions: SqlConditions) {}

  onModuleInit(): void {
    registerRestrictionConditions(this.conditions);
  }
}
