import { CaseNoteService } from './case/case-note.service.js';
import { CaseNote } from './case/case-note.entity.js';
import { CaseResolver, SubjectCasesResolver } from './case/case.resolver.js';
import { CaseTimelineService } from './case/case-timeline.service.js';
import { Case } from './case/case.entity.js';
import { CaseService } from './case/case.service.js';
import { SpecialCategoryResolver } from './subjects/special-category.resolver.js';
import { SpecialCategoryService } from './subjects/special-category.service.js';
import { SubjectMergeService } from './subjects/subject-merge.service.js';
import { SubjectSpecialCategory } from './subjects/subject-special-category.entity.js';
import { Subject } from './subjects/subject.entity.js';
import { SUBJECT_RELATION_RESOLVERS } from './subjects/subject-relations.resolver.js';
import { SubjectResolver } from './subjects/subject.resolver.js';
import { SubjectService } from './subjects/subject.service.js';

/** Subjects (people) and cases: entities and Nest providers, gathered into CasesModule. */
export const PEOPLE_ENTITIES = [Subject, SubjectSpecialCategory, Case, CaseNote];

export const PEOPLE_SERVICES = [SubjectService, SubjectMergeService, SpecialCategoryService, CaseService, CaseNoteService, CaseTimelineService];

export const PEOPLE_PROVIDERS = [
  ...PEOPLE_SERVICES,
  SubjectResolver,
  SpecialCategoryResolver,
  CaseResolver,
  SubjectCasesResolver,
  ...SUBJECT_RELATION_RESOLVERS,
];
