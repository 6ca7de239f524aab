import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { actorOf, type GqlContext } from '../../../access/src/index.js';
import { RightsRequest } from '../../../governance/src/rights/rights-request.entity.js';
import { SubjectAccessExport } from '../../../governance/src/rights/rights.types.js';
import { SubjectRestriction } from '../../../governance/src/rights/subject-restriction.entity.js';
import { Subject } from './subject.entity.js';
import { SubjectService } from './subject.service.js';

/*
 * `subject` on the data protection officer's records, which only hold the person's id: declared
 * here, where people are read, so governance need not depend on this context. After an erasure
 * the person is gone and the field is null.
 */
const FIELD = { nullable: true, description: 'The person; null once erased, or if you may not see them. Audited' } as const;

@Resolver(() => RightsRequest)
export class RightsRequestSubjectResolver {
  constructor(private readonly subjects: SubjectService) {}

  @ResolveField(() => Subject, FIELD)
  subject(@Parent() request: RightsRequest, @Context() ctx: GqlContext): Promise<Subject | null> {
    return this.subjects.byId(ctx, actorOf(ctx), request.subjectId);
  }
}

@Resolver(() => SubjectRestriction)
export class SubjectRestrictionSubjectResolver {
  constructor(private readonly subjects: SubjectService) {}

  @ResolveField(() => Subject, FIELD)
  subject(@Parent() restriction: SubjectRestriction, @Context() ctx: GqlContext): Promise<Subject | null> {
    return this.subjects.byId(ctx, actorOf(ctx), restriction.subjectId);
  }
}

@Resolver(() => SubjectAccessExport)
export class SubjectAccessExportSubjectResolver {
  constructor(private readonly subjects: SubjectService) {}

  @ResolveField(() => Subject, FIELD)
  subject(@Parent() sar: SubjectAccessExport, @Context() ctx: GqlContext): Promise<Subject | null> {
    return this.subjects.byId(ctx, actorOf(ctx), sar.subjectId);
  }
}

export const SUBJECT_RELATION_RESOLVERS = [RightsRequestSubjectResolver, SubjectRestrictionSubjectResolver, SubjectAccessExportSubjectResolver];
