import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, actorOf, CurrentActor, type GqlContext } from '../../../access/src/index.js';
import { type Connection, ConnectionType, IdArgs, PageArgs, VersionedIdInput } from '../../../common/src/index.js';
import { Subject } from '../subjects/subject.entity.js';
import { SubjectService } from '../subjects/subject.service.js';
import { CaseNote } from './case-note.entity.js';
import { CaseNoteService } from './case-note.service.js';
import { CaseTimelineService } from './case-timeline.service.js';
import { Case } from './case.entity.js';
import { CaseService } from './case.service.js';
import { AddCaseNoteInput, CloseCaseInput } from './dto/case-actions.args.js';
import { CasesArgs } from './dto/case-filter.input.js';
import { CreateCaseInput } from './dto/create-case.input.js';
import { UpdateCaseInput } from './dto/update-case.input.js';
import { TimelineEntry } from './timeline-entry.js';

const CaseConnection = ConnectionType(Case);
const CaseNoteConnection = ConnectionType(CaseNote);
const TimelineEntryConnection = ConnectionType(TimelineEntry);

@Resolver(() => Case)
export class CaseResolver {
  constructor(
    private readonly caseService: CaseService,
    private readonly noteService: CaseNoteService,
    private readonly timelines: CaseTimelineService,
    private readonly subjectService: SubjectService,
  ) {}

  @Query(() => CaseConnection, { description: 'Cases you may see, most recently opened first; each read is audited' })
  cases(@CurrentActor() actor: Actor, @Args() args: CasesArgs): Promise<Connection<Case>> {
    return this.caseService.list(actor, args);
  }

  @Query(() => Case, { description: 'Audited read' })
  case(@CurrentActor() actor: Actor, @Args() { id }: IdArgs): Promise<Case> {
    return this.caseService.get(actor, id);
  }

  @Mutation(() => Case)
  createCase(@CurrentActor() actor: Actor, @Args('input') input: CreateCaseInput): Promise<Case> {
    return this.caseService.create(actor, input);
  }

  @Mutation(() => Case, { description: 'Refused (CONFLICT) on a closed case: reopen it first' })
  updateCase(@CurrentActor() actor: Actor, @Args('input') input: UpdateCaseInput): Promise<Case> {
    return this.caseService.update(actor, input);
  }

  @Mutation(() => Case, { description: 'Closes an OPEN or MONITORING case; its retention runs 6 years from closure' })
  closeCase(@CurrentActor() actor: Actor, @Args('input') { id, version, closureSummary }: CloseCaseInput): Promise<Case> {
    return this.caseService.close(actor, id, version, closureSummary);
  }

  @Mutation(() => Case, { description: 'Reopens a CLOSED case (status OPEN)' })
  reopenCase(@CurrentActor() actor: Actor, @Args('input') { id, version }: VersionedIdInput): Promise<Case> {
    return this.caseService.reopen(actor, id, version);
  }

  @Mutation(() => CaseNote, { description: 'Notes are never edited: to correct one, add a note with correctsNoteId. A closed case takes corrections only' })
  addCaseNote(@CurrentActor() actor: Actor, @Args('input') input: AddCaseNoteInput): Promise<CaseNote> {
    return this.noteService.add(actor, input);
  }

  @ResolveField(() => Subject, { nullable: true, description: 'Null if you may not see the person' })
  subject(@Parent() c: Case, @Context() ctx: GqlContext): Promise<Subject | null> {
    return this.subjectService.byId(ctx, actorOf(ctx), c.subjectId);
  }

  @ResolveField(() => CaseNoteConnection, { description: 'Oldest first; corrected notes are kept, with isCorrected. Each read is audited' })
  notes(@Parent() c: Case, @Context() ctx: GqlContext, @Args() args: PageArgs): Promise<Connection<CaseNote>> {
    return this.noteService.forCase(ctx, actorOf(ctx), c.id, args);
  }

  @ResolveField(() => TimelineEntryConnection, {
    description: "Notes, the subject's incidents, bans and referrals, NEWEST FIRST (ties: kind, id). Each entry read is audited",
  })
  timeline(@Parent() c: Case, @Context() ctx: GqlContext, @Args() args: PageArgs): Promise<Connection<TimelineEntry>> {
    return this.timelines.timeline(actorOf(ctx), c, args);
  }
}

@Resolver(() => Subject)
export class SubjectCasesResolver {
  constructor(private readonly caseService: CaseService) {}

  @ResolveField(() => [Case], { description: 'Cases about this person that you may see, newest first' })
  cases(@Parent() s: Subject, @Context() ctx: GqlContext): Promise<Case[]> {
    return this.caseService.forSubject(ctx, actorOf(ctx), s.id);
  }
}
