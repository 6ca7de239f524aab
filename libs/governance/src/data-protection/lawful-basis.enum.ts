import { registerEnumType } from '@nestjs/graphql';

/** UK GDPR Article 6(1) lawful bases. */
export enum LawfulBasis {
  CONSENT = 'CONSENT',
  CONTRACT = 'CONTRACT',
  LEGAL_OBLIGATION = 'LEGAL_OBLIGATION',
  VITAL_INTERESTS = 'VITAL_INTERESTS',
  PUBLIC_TASK = 'PUBLIC_TASK',
  LEGITIMATE_INTERESTS = 'LEGITIMATE_INTERESTS',
}
registerEnumType(LawfulBasis, { name: 'LawfulBasis', description: 'UK GDPR Article 6(1) lawful basis' });
