import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { FilterArg, IsIdList, PageArgs } from '../../../common/src/index.js';
import { NotificationDelivery, NotificationKind } from '../notification-kind.enum.js';

@InputType()
export class NotificationFilterInput {
  @Field(() => Boolean, { nullable: true, description: 'true: unread only; false: read only; absent: both' })
  @IsOptional()
  @IsBoolean()
  unread?: boolean;
}

@ArgsType()
export class NotificationsArgs extends PageArgs {
  @FilterArg(() => NotificationFilterInput)
  filter?: NotificationFilterInput;
}

@InputType({ description: 'Your notifications to mark read: by id, or all of them' })
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true, description: 'At most 100 of your own notifications; another user’s answers NOT_FOUND' })
  @IsOptional()
  @IsIdList(100)
  ids?: string[];

  @Field(() => Boolean, { nullable: true, description: 'true: every unread notification of yours (give no ids)' })
  @IsOptional()
  @IsBoolean()
  all?: boolean;
}

@InputType()
export class SetNotificationPreferenceInput {
  @Field(() => NotificationKind) @IsEnum(NotificationKind) kind: NotificationKind;
  @Field(() => NotificationDelivery) @IsEnum(NotificationDelivery) delivery: NotificationDelivery;
}
