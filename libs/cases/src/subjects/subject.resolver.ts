import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, actorOf, CurrentActor, type GqlContext } from '../../../access/src/index.js';
import { type Connection, ConnectionType, IdArgs } from '../../../common/src/index.js';
import { CreateSubjectInput } from './dto/create-subject.input.js';
import { mergeRequestOf, MergeSubjectsInput, SubjectMergeResult } from './dto/merge-subjects.input.js';
import { PossibleDuplicatesArgs } from './dto/possible-duplicates.args.js';
import { SubjectsArgs } from './dto/subject-filter.input.js';
import { UpdateSubjectInput } from './dto/update-subject.input.js';
import { SpecialCategoryService } from './special-category.service.js';
import { SubjectMergeService } from './subject-merge.service.js';
import { SubjectSpecialCategory } from './subject-special-category.entity.js';
import { Subject } from './subject.entity.js';
import { SubjectService } from './subject.service.js';

const SubjectConnection = ConnectionType(Subject);

@Resolver(() => Subject)
export class SubjectResolver {
  constructor(
    private readonly subjectService: SubjectService,
    private readonly merges: SubjectMergeService,
    private readonly specialCategories: SpecialCategoryService,
  ) {}

  @Query(() => SubjectConnection, { description: 'People you may see (merged records left out unless asked for), newest first; each read is audited' })
  subjects(@CurrentActor() actor: Actor, @Args() args: SubjectsArgs): Promise<Connection<Subject>> {
    return this.subjectService.list(actor, args);
  }

  @Query(() => Subject, { description: 'Audited read; a merged record answers with mergedIntoId set' })
  subject(@CurrentActor() actor: Actor, @Args() { id }: IdArgs): Promise<Subject> {
    return this.subjectService.get(actor, id);
  }

  @Query(() => [Subject], {
    description:
      'Records you may see that may be the same person: same name with no contradicting date of birth, or a name or alias matching an alias. Audited',
  })
  possibleDuplicateSubjects(@CurrentActor() actor: Actor, @Args() args: PossibleDuplicatesArgs): Promise<Subject[]> {
    return this.subjectService.possibleDuplicates(actor, args);
  }

  @Mutation(() => Subject, { description: 'Possible duplicates answer CONFLICT with extensions.candidateIds unless confirmNotDuplicate is true' })
  createSubject(@CurrentActor() actor: Actor, @Args('input') input: CreateSubjectInput): Promise<Subject> {
    return this.subjectService.create(actor, input);
  }

  @Mutation(() => Subject)
  updateSubject(@CurrentActor() actor: Actor, @Args('input') input: UpdateSubjectInput): Promise<Subject> {
    return this.subjectService.update(actor, input);
  }

  @Mutation(() => SubjectMergeResult, { description: 'Managers only: moves every link (incidents, bans, cases…) from merge to keep and marks merge merged' })
  mergeSubjects(@CurrentActor() actor: Actor, @Args('input') input: MergeSubjectsInput): Promise<SubjectMergeResult> {
    return this.merges.merge(actor, mergeRequestOf(input));
  }

  @ResolveField(() => Subject, { nullable: true, description: 'The record this one was merged into; null if not merged or you may not see it. Audited' })
  mergedInto(@Parent() subject: Subject, @Context() ctx: GqlContext): Promise<Subject | null> | null {
    return subject.mergedIntoId ? this.subjectService.byId(ctx, actorOf(ctx), subject.mergedIntoId) : null;
  }

  @ResolveField(() => [SubjectSpecialCategory], {
    nullable: true,
    description: 'Special category details: null (no error) unless you are a manager, outreach worker or the DPO. Audited',
  })
  specialCategory(@Parent() subject: Subject, @Context() ctx: GqlContext): Promise<SubjectSpecialCategory[] | null> {
    return this.specialCategories.forSubject(ctx, actorOf(ctx), subject);
  }
}
