import { registerEnumType } from '@nestjs/graphql';

/**
 * PROPOSED → ACTIVE → UNDER_REVIEW → LIFTED | EXPIRED. EXPIRED is never stored by a transition:
 * an ACTIVE or UNDER_REVIEW ban whose end date has passed reads as EXPIRED (see ban-state.ts).
 */
export enum BanStatus {
  PROPOSED = 'PROPOSED',
  ACTIVE = 'ACTIVE',
  UNDER_REVIEW = 'UNDER_REVIEW',
  LIFTED = 'LIFTED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(BanStatus, {
  name: 'BanStatus',
  valuesMap: {
    PROPOSED: { description: 'Proposed by a member of staff, in the moment; a manager confirms it' },
    ACTIVE: { description: 'Confirmed by a manager; in force from startsOn to endsOn' },
    UNDER_REVIEW: { description: 'Being reviewed (review date or appeal); still in force' },
    LIFTED: { description: 'Ended early by a manager, or a proposal a manager did not confirm' },
    EXPIRED: { description: 'Its end date has passed (computed from the dates)' },
  },
});

export enum BanScope {
  ALL_BRANCHES = 'ALL_BRANCHES',
  LISTED_BRANCHES = 'LISTED_BRANCHES',
}
registerEnumType(BanScope, { name: 'BanScope' });

export enum AppealOutcome {
  UPHELD = 'UPHELD',
  VARIED = 'VARIED',
  OVERTURNED = 'OVERTURNED',
}
registerEnumType(AppealOutcome, { name: 'AppealOutcome', description: 'What the appeal decided about the ban' });
