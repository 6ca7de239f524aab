import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '../../../access/src/index.js';
import { UpdateRetentionPolicyInput } from './dto/update-retention-policy.input.js';
import { RetentionPolicyService } from './retention-policy.service.js';
import { RetentionReportService } from './retention-report.service.js';
import { LegalHoldInput, RunRetentionSweepInput } from './dto/legal-hold.inputs.js';
import { LegalHoldService } from './legal-hold.service.js';
import { RetentionSweepService } from './retention-sweep.service.js';
import { RetentionRunView, LegalHoldView, RetentionPolicyView, RetentionReport } from './retention.types.js';
import { REPORT_COST } from '../../../common/src/index.js';

@Resolver()
export class RetentionResolver {
  constructor(
    private readonly policies: RetentionPolicyService,
    private readonly reports: RetentionReportService,
    private readonly holds: LegalHoldService,
    private readonly sweeper: RetentionSweepService,
  ) {}

  @Mutation(() => LegalHoldView, { description: 'Puts a record on legal hold: the retention sweep and erasure keep it until lifted (the DPO); audited' })
  placeLegalHold(@CurrentActor() actor: Actor, @Args('input') input: LegalHoldInput): Promise<LegalHoldView> {
    return this.holds.place(actor, input);
  }

  @Mutation(() => LegalHoldView, { description: 'Lifts a legal hold: the record is swept again once past its date (the DPO); audited' })
  liftLegalHold(@CurrentActor() actor: Actor, @Args('input') input: LegalHoldInput): Promise<LegalHoldView> {
    return this.holds.lift(actor, input);
  }

  @Mutation(() => RetentionRunView, {
    complexity: REPORT_COST,
    description:
      "Runs the retention sweep of your library service now, or a dry run of it, and returns the run's report (the DPO). One sweep at a time: CONFLICT while another runs",
  })
  runRetentionSweep(@CurrentActor() actor: Actor, @Args('input') input: RunRetentionSweepInput): Promise<RetentionRunView> {
    return this.sweeper.runFor(actor, input.dryRun);
  }

  @Query(() => [RetentionPolicyView], { description: "Your library service's retention policies (administrators and the DPO)" })
  retentionPolicies(@CurrentActor() actor: Actor): Promise<RetentionPolicyView[]> {
    return this.policies.list(actor);
  }

  @Query(() => RetentionReport, {
    complexity: REPORT_COST,
    description: 'What is due in the next 30 and 90 days, what is on hold, what the last sweeps did (the DPO and administrators)',
  })
  retentionReport(@CurrentActor() actor: Actor): Promise<RetentionReport> {
    return this.reports.report(actor);
  }

  @Mutation(() => RetentionPolicyView, {
    description: "Changes a retention period or action (administrators); recomputes the governed records' retain-until dates",
  })
  updateRetentionPolicy(@CurrentActor() actor: Actor, @Args('input') input: UpdateRetentionPolicyInput): Promise<RetentionPolicyView> {
    return this.policies.update(actor, input);
  }
}
