import { registerEnumType } from '@nestjs/graphql';

/** An estimated age when the date of birth is not known (10: age of criminal responsibility; 18: adult). */
export enum AgeBand {
  UNDER_10 = 'UNDER_10',
  AGE_10_13 = 'AGE_10_13',
  AGE_14_17 = 'AGE_14_17',
  AGE_18_24 = 'AGE_18_24',
  AGE_25_34 = 'AGE_25_34',
  AGE_35_49 = 'AGE_35_49',
  AGE_50_64 = 'AGE_50_64',
  AGE_65_PLUS = 'AGE_65_PLUS',
}
registerEnumType(AgeBand, { name: 'AgeBand', description: 'Estimated age, when the date of birth is not known' });
