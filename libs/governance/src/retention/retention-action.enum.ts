import { registerEnumType } from '@nestjs/graphql';

/** What the retention sweep does with a record past its retain-until date. */
export enum RetentionAction {
  DELETE = 'DELETE',
  ANONYMISE = 'ANONYMISE',
}
registerEnumType(RetentionAction, { name: 'RetentionAction' });
