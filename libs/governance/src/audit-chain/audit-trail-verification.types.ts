import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { AuditChainBreakKind } from './audit-chain-verifier.js';

registerEnumType(AuditChainBreakKind, {
  name: 'AuditChainBreakKind',
  description: 'How an audit event does not fit its chain',
  valuesMap: {
    CHANGED: { description: 'Its fields no longer give its hash, or its link to the event before it (or to a digest) is broken' },
    MISSING: { description: 'Events are missing here that the retention sweep did not delete' },
    INSERTED: { description: 'It was never chained by the database (beyond the head of the chain)' },
    OUT_OF_ORDER: { description: 'It is dated before the event before it (backdated)' },
  },
});

/** A digest of a year of daily heads of one chain is about 40,000 characters; this leaves room for several chains' lines. */
export const DIGEST_MAX_LENGTH = 2_000_000;

@InputType()
export class AuditTrailVerificationInput {
  @Field(() => String, {
    nullable: true,
    description:
      'Lines of the audit digest kept outside the database (AUDIT_DIGEST_FILE, or the JSON log): the chain must still hold the hashes they recorded. Lines of other services are ignored',
  })
  @IsOptional()
  @IsString()
  @MaxLength(DIGEST_MAX_LENGTH)
  digest?: string | null;
}

@ObjectType({ description: 'The first audit event that does not fit its chain' })
export class AuditChainBreak {
  @Field(() => AuditChainBreakKind) kind: AuditChainBreakKind;
  @Field(() => Float, { description: 'Its position in the chain (a whole number)' }) position: number;
  @Field(() => ID, { nullable: true, description: 'Null when the events at the end of the chain are missing' }) auditEventId: string | null;
  @Field(() => AuditEvent, { nullable: true, description: 'The event as it now reads' }) auditEvent: AuditEvent | null;
  @Field() detail: string;
}

@ObjectType({ description: 'The audit trail of your library service, recomputed hash by hash' })
export class AuditTrailVerification {
  @Field(() => ID) libraryServiceId: string;
  @Field() isIntact: boolean;
  @Field(() => Float, { description: 'Events recomputed' }) eventsChecked: number;
  @Field(() => Float, { nullable: true, description: 'The last position the retention sweep deleted; verification starts after it' })
  prunedThroughPosition: number | null;
  @Field(() => Float, { description: 'The position of the last event of the chain' }) headPosition: number;
  @Field(() => String, { nullable: true, description: 'The hash (SHA-256, hex) of the last event; null for an empty chain' }) headHash: string | null;
  @Field(() => Int, { description: 'Entries of the given digest compared with the chain' }) digestEntriesChecked: number;
  @Field(() => AuditChainBreak, { nullable: true, description: 'Null when the chain is intact' }) firstBreak: AuditChainBreak | null;
}
