import { registerEnumType } from '@nestjs/graphql';

/** UK GDPR Article 9 special category data the service may need to record about a person. */
export enum SpecialCategoryKind {
  HEALTH = 'HEALTH',
  MENTAL_HEALTH = 'MENTAL_HEALTH',
  ETHNICITY = 'ETHNICITY',
  RELIGION = 'RELIGION',
  OTHER = 'OTHER',
}
registerEnumType(SpecialCategoryKind, { name: 'SpecialCategoryKind', description: 'Kind of special category (Article 9) detail' });
