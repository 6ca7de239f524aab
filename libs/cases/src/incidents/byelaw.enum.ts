import { registerEnumType } from '@nestjs/graphql';

/**
 * Which library byelaw an incident breached: the conduct headings of the model library byelaws
 * for England (DCMS, 2017; revised 2025) that staff cite when asking someone to leave or banning
 * them. Local byelaws (Wales, Northern Ireland, local variations) differ in numbering, so the
 * codes name the conduct, not a clause number; LOCAL_BYELAW with `byelawDetails` covers the rest.
 */
export enum Byelaw {
  VIOLENT_DISORDERLY_OR_INDECENT_BEHAVIOUR = 'VIOLENT_DISORDERLY_OR_INDECENT_BEHAVIOUR',
  ABUSIVE_OR_OFFENSIVE_LANGUAGE = 'ABUSIVE_OR_OFFENSIVE_LANGUAGE',
  CAUSING_INJURY = 'CAUSING_INJURY',
  CAUSING_ANNOYANCE_OR_NUISANCE = 'CAUSING_ANNOYANCE_OR_NUISANCE',
  INTOXICATION = 'INTOXICATION',
  DAMAGE_TO_LIBRARY_PROPERTY = 'DAMAGE_TO_LIBRARY_PROPERTY',
  REMOVING_LIBRARY_PROPERTY = 'REMOVING_LIBRARY_PROPERTY',
  MISUSE_OF_EQUIPMENT_OR_IT = 'MISUSE_OF_EQUIPMENT_OR_IT',
  OBSTRUCTING_STAFF = 'OBSTRUCTING_STAFF',
  REFUSING_TO_LEAVE = 'REFUSING_TO_LEAVE',
  ENTERING_RESTRICTED_AREA = 'ENTERING_RESTRICTED_AREA',
  SMOKING_OR_VAPING = 'SMOKING_OR_VAPING',
  ANIMALS = 'ANIMALS',
  UNAUTHORISED_TRADING_OR_CANVASSING = 'UNAUTHORISED_TRADING_OR_CANVASSING',
  UNATTENDED_CHILD = 'UNATTENDED_CHILD',
  LOCAL_BYELAW = 'LOCAL_BYELAW',
}
registerEnumType(Byelaw, {
  name: 'Byelaw',
  description: 'Conduct headings of the model library byelaws (England); LOCAL_BYELAW for a local one named in byelawDetails',
  valuesMap: {
    VIOLENT_DISORDERLY_OR_INDECENT_BEHAVIOUR: { description: 'Behaving in a violent, disorderly or indecent manner' },
    ABUSIVE_OR_OFFENSIVE_LANGUAGE: { description: 'Using violent, abusive, offensive, insulting or obscene language' },
    CAUSING_INJURY: { description: 'Intentionally or recklessly causing, or doing anything likely to cause, injury to any person' },
    CAUSING_ANNOYANCE_OR_NUISANCE: { description: 'Behaving in a way likely to cause annoyance or nuisance to others after being asked to stop' },
    INTOXICATION: { description: 'Being, or becoming, intoxicated in the library' },
    DAMAGE_TO_LIBRARY_PROPERTY: { description: 'Damaging, defacing or destroying library property' },
    REMOVING_LIBRARY_PROPERTY: { description: 'Removing library property without it being lent' },
    MISUSE_OF_EQUIPMENT_OR_IT: { description: 'Misusing library equipment or computers, or breaching the acceptable use terms' },
    OBSTRUCTING_STAFF: { description: 'Obstructing an officer of the library in their duties' },
    REFUSING_TO_LEAVE: { description: 'Failing to leave when required, or staying after closing time' },
    ENTERING_RESTRICTED_AREA: { description: 'Entering a part of the library not open to the public' },
    LOCAL_BYELAW: { description: 'A local byelaw not listed here: name it in byelawDetails' },
  },
});
