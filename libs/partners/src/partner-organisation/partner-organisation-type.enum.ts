import { registerEnumType } from '@nestjs/graphql';

export enum PartnerOrganisationType {
  POLICE_NEIGHBOURHOOD_TEAM = 'POLICE_NEIGHBOURHOOD_TEAM',
  YOUTH_JUSTICE_SERVICE = 'YOUTH_JUSTICE_SERVICE',
  SCHOOL_OR_COLLEGE = 'SCHOOL_OR_COLLEGE',
  COMMUNITY_SAFETY_PARTNERSHIP = 'COMMUNITY_SAFETY_PARTNERSHIP',
  BUSINESS_CRIME_REDUCTION_PARTNERSHIP = 'BUSINESS_CRIME_REDUCTION_PARTNERSHIP',
  BUSINESS_IMPROVEMENT_DISTRICT = 'BUSINESS_IMPROVEMENT_DISTRICT',
  CHARITY = 'CHARITY',
  MENTAL_HEALTH_SERVICE = 'MENTAL_HEALTH_SERVICE',
  HOUSING_SERVICE = 'HOUSING_SERVICE',
  COUNCIL_TEAM = 'COUNCIL_TEAM',
  TRADE_UNION = 'TRADE_UNION',
  OTHER = 'OTHER',
}
registerEnumType(PartnerOrganisationType, {
  name: 'PartnerOrganisationType',
  valuesMap: {
    POLICE_NEIGHBOURHOOD_TEAM: { description: 'Police neighbourhood team (PCSOs)' },
    COUNCIL_TEAM: { description: 'Health and safety, legal, social care, public health, youth services' },
  },
});
