import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '../../../access/src/index.js';
import { UpdateRetentionPolicyInput } from './dto/update-retention-policy.input.js';
import { RetentionPolicyService } from './retention-policy.service.js';
import { RetentionReportService } from './retention-report.service.js';
import { RetentionPolicyView, RetentionReport } from './retention.types.js';
import { REPORT_COST } from '../../../common/src/index.js';

@Resolver()
export class RetentionResolver {
  constructor(
    private readonly policies: RetentionPolicyService,
    private readonly reports: RetentionReportService,
  ) {}

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
