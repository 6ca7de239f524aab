import { registerEnumType } from '@nestjs/graphql';

export enum PartnerRelationship {
  FORMAL_PARTNERSHIP = 'FORMAL_PARTNERSHIP',
  COLLABORATIVE_RELATIONSHIP = 'COLLABORATIVE_RELATIONSHIP',
}
registerEnumType(PartnerRelationship, {
  name: 'PartnerRelationship',
  valuesMap: {
    FORMAL_PARTNERSHIP: { description: 'Backed by an agreement' },
    COLLABORATIVE_RELATIONSHIP: { description: 'Informal' },
  },
});
