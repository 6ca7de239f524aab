import { registerEnumType } from '@nestjs/graphql';

/** The data subject's rights this service handles (UK GDPR Articles 15, 16, 17, 18). */
export enum RightsRequestType {
  ACCESS = 'ACCESS',
  RECTIFICATION = 'RECTIFICATION',
  ERASURE = 'ERASURE',
  RESTRICTION = 'RESTRICTION',
}
registerEnumType(RightsRequestType, { name: 'RightsRequestType' });

export enum RightsRequestStatus {
  RECEIVED = 'RECEIVED',
  GRANTED = 'GRANTED',
  PARTLY_GRANTED = 'PARTLY_GRANTED',
  REFUSED = 'REFUSED',
}
registerEnumType(RightsRequestStatus, { name: 'RightsRequestStatus' });

/** The DPO's decision; carried out in the same transaction. */
export enum RightsDecision {
  GRANTED = 'GRANTED',
  PARTLY_GRANTED = 'PARTLY_GRANTED',
  REFUSED = 'REFUSED',
}
registerEnumType(RightsDecision, { name: 'RightsDecision' });

/** What stops a request, named in a refusal (and in what a partial grant keeps). */
export enum RefusalGround {
  RETENTION_DUTY = 'RETENTION_DUTY',
  LEGAL_HOLD = 'LEGAL_HOLD',
  MANIFESTLY_UNFOUNDED_OR_EXCESSIVE = 'MANIFESTLY_UNFOUNDED_OR_EXCESSIVE',
  OTHER_EXEMPTION = 'OTHER_EXEMPTION',
}
registerEnumType(RefusalGround, { name: 'RefusalGround' });
