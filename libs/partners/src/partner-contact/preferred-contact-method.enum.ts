import { registerEnumType } from '@nestjs/graphql';

export enum PreferredContactMethod {
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  IN_PERSON = 'IN_PERSON',
  TEXT_MESSAGE = 'TEXT_MESSAGE',
}
registerEnumType(PreferredContactMethod, { name: 'PreferredContactMethod' });
