/** Words the generated records are made of. Every person in them is made up. */

const words = (text: string): string[] => text.trim().split(/\s+/);

export const FIRST_NAMES = words(`
  Aaron Abby Adam Aisha Alfie Amara Ben Bethany Callum Chloe Connor Daisy Dylan Ellie Ethan Freya George Grace Harry Hannah
  Isaac Imogen Jack Jade Kai Keira Liam Lily Mason Megan Nathan Niamh Oliver Olivia Reece Ruby Ryan Sophie Tyler Zara
`);

export const LAST_NAMES = words(`
  Abbott Barker Bennett Carter Cooper Dawson Ellis Fletcher Foster Gibson Graham Hayes Holt Hughes Jarvis Kaur Khan Lawson Lloyd Marsh
  Mills Nash Nolan Owen Palmer Patel Pearce Quinn Reid Rowe Shaw Sutton Turner Wade Walsh Webb Wells Wright Yates Young
`);

export const DESCRIPTIONS = [
  'Man, 40s, grey tracksuit, often with a large rucksack',
  'Teenage boy, about 15, black puffer jacket, usually with a group',
  'Woman, 30s, long red hair, pushes a shopping trolley',
  'Man, 20s, slim, baseball cap and headphones',
  'Older man, 60s, beard, tweed coat, carries newspapers',
  'Girl, about 14, school uniform, pink backpack',
  'Man, 50s, shaved head, tattoo on his neck',
  'Young man, early 20s, films on his phone, wears a chest camera',
];

export const ALIASES = ['Tiny', 'Deano', 'Smithy', 'the Professor', 'Big Mac', 'Jonno', 'Shortie', 'Red'];

export const LOCATIONS = [
  'Entrance lobby',
  'Children’s library',
  'Teen zone',
  'Public computers',
  'Reading room',
  'Toilets',
  'Rear entrance',
  'Café area',
  'Study tables, first floor',
  'Self-service machines',
  'Car park',
];

/** By incident category: what happened (several wordings each). */
export const INCIDENT_DESCRIPTIONS: Record<string, string[]> = {
  VERBAL_ABUSE: [
    'Swore repeatedly at a member of staff who asked them to lower their voice.',
    'Shouted abuse at the desk when told their computer session had ended.',
    'Called a customer names across the reading room and would not stop when asked.',
  ],
  THREATENING_BEHAVIOUR: [
    'Squared up to a member of staff and said they would be waiting outside at closing time.',
    'Made threats towards another customer over a seat at the computers.',
    'Followed a member of staff to the workroom door, shouting, and refused to move away.',
  ],
  VIOLENCE: [
    'Pushed a member of staff who asked them to leave; the staff member fell against the desk.',
    'Punched another customer during an argument at the public computers.',
    'Threw a chair across the teen zone; it struck a customer on the arm.',
  ],
  ANTISOCIAL_BEHAVIOUR: [
    'Group of young people running through the library, shouting and throwing books in the children’s library.',
    'Kicked the self-service machines and left rubbish on the study tables; left when asked.',
    'Group gathered at the rear entrance after school, blocking the door and taunting customers.',
    'Played loud music on a phone in the reading room and refused to turn it off.',
  ],
  DAMAGE: [
    'Graffiti drawn on the toilet walls with a marker pen.',
    'Damaged the keyboard and mouse of a public computer after losing a game.',
    'Snapped the hinge of the entrance door by swinging on it.',
  ],
  THEFT: [
    'Took two laptops on loan from the study area and left without issuing them.',
    'Seen on CCTV taking a purse from a customer’s bag in the café area.',
    'Removed DVDs from their cases and left with them hidden in a coat.',
  ],
  DRUGS_OR_ALCOHOL: [
    'Drinking from a can of strong lager in the reading room; asked to leave and did.',
    'Strong smell of cannabis in the toilets; a group left when staff approached.',
    'Arrived intoxicated, unsteady on their feet, and fell asleep at a study table.',
  ],
  HARASSMENT: [
    'Repeatedly approached a young woman at the study tables after she asked them to stop.',
    'Waited for a member of staff at the end of their shift for the third time this month.',
    'Made unwanted comments about a member of staff’s appearance at the desk.',
  ],
  SOCIAL_MEDIA_AUDITOR: [
    'Filmed staff and customers at the desk for a video channel and would not stop when asked.',
    'Filmed the children’s library through the window and argued with staff about their rights.',
  ],
  OTHER: [
    'Unattended child of about seven left in the children’s library for over an hour.',
    'Customer distressed and disoriented; staff called for support and stayed with them.',
    'Dog off its lead in the library; the owner became angry when asked to leave.',
  ],
};

/** Byelaws a category usually breaches. */
export const CATEGORY_BYELAWS: Record<string, string[]> = {
  VERBAL_ABUSE: ['ABUSIVE_OR_OFFENSIVE_LANGUAGE'],
  THREATENING_BEHAVIOUR: ['VIOLENT_DISORDERLY_OR_INDECENT_BEHAVIOUR', 'OBSTRUCTING_STAFF'],
  VIOLENCE: ['VIOLENT_DISORDERLY_OR_INDECENT_BEHAVIOUR', 'CAUSING_INJURY'],
  ANTISOCIAL_BEHAVIOUR: ['CAUSING_ANNOYANCE_OR_NUISANCE'],
  DAMAGE: ['DAMAGE_TO_LIBRARY_PROPERTY'],
  THEFT: ['REMOVING_LIBRARY_PROPERTY'],
  DRUGS_OR_ALCOHOL: ['INTOXICATION'],
  HARASSMENT: ['CAUSING_ANNOYANCE_OR_NUISANCE'],
  SOCIAL_MEDIA_AUDITOR: ['CAUSING_ANNOYANCE_OR_NUISANCE', 'OBSTRUCTING_STAFF'],
  OTHER: [],
};

export const ACTIONS_TAKEN = [
  'Asked to leave; left without further trouble.',
  'Asked to leave; refused, duty manager attended and they left.',
  'Police called; they left before the police arrived.',
  'Spoke to them calmly; they apologised and settled down.',
  'Building closed early; customers escorted out.',
  'Staff member taken off the desk for the rest of the shift.',
];

export const CASE_TITLES = [
  'Repeated antisocial behaviour at the branch',
  'Support plan: housing and daily needs',
  'Safeguarding concern: young person gathering with older group',
  'Threats towards staff',
  'Intoxication and welfare concerns',
  'Persistent theft of library stock',
  'Harassment of customers',
];

export const CASE_NOTES = [
  'Spoke with them at the branch; they agreed to keep to the study tables and leave by 17:00.',
  'Called the neighbourhood team to share the latest incident; they will look in on Friday.',
  'Met at the café area with the outreach worker; talked about support with housing.',
  'No incidents this fortnight; staff report they have been calm and polite.',
  'Two further incidents this week; the manager is considering a ban.',
  'Letter sent explaining the conditions of use and what happens next.',
  'School safeguarding lead informed; joint meeting arranged.',
  'They have a new support worker; contact details shared with their consent.',
];

export const REFERRAL_REASONS = [
  'Sleeping rough near the branch and asked staff for help finding somewhere to stay.',
  'Told the outreach worker they have not eaten properly for days.',
  'Shows signs of low mood and said they have nobody to talk to.',
  'Young person spending every evening at the library, not at home; parents struggling.',
  'Asked for help with debts and benefit forms.',
  'Drinking daily and said they want help to stop.',
  'Looking for work and training; no internet at home.',
];

export const REFERRAL_MESSAGES = [
  'Thank you: we have booked an assessment for next week.',
  'We tried the contact route twice; no answer yet. Trying again tomorrow.',
  'They attended the appointment and are engaging well.',
  'Could the library pass on our drop-in times?',
  'Update: they have been offered temporary accommodation.',
];

export const BAN_REASONS = [
  'Repeated threatening behaviour towards staff after several warnings.',
  'Assault on a member of staff.',
  'Persistent theft of library stock.',
  'Repeated intoxication and abuse towards customers.',
  'Harassment of a young customer.',
  'Damage to library property on three occasions.',
];

export const INTELLIGENCE_BODIES = [
  'Known to carry a knife; seen showing it to others at the bus station.',
  'Group meets at the rear entrance after school to sell vapes to younger children.',
  'Has been seen with older males who may be exploiting them.',
  'Drug dealing in the car park between 15:00 and 17:00 on weekdays.',
  'Reported by a customer to have threatened staff at another library.',
  'Regularly drunk by midday; has fallen in the street twice.',
  'Stolen laptops being sold on a local social media page.',
];

export const WARNINGS = [
  'Man, 40s, grey tracksuit: do not approach alone, call the duty manager.',
  'Groups gathering at the rear entrance after school (15:00 to 17:00): keep the rear door closed.',
  'Young man filming staff at the desk: do not engage, call the manager.',
  'Woman with a shopping trolley may become aggressive if asked to leave: two staff please.',
  'Reports of drug dealing in the car park: call 101 and tell the PCSO team.',
];

export const CONTACT_SUMMARIES = [
  'Cuppa with a coppa at the branch; visitors raised concerns about groups after school.',
  'Monthly partnership meeting; library added to the problem-solving plan.',
  'Agreed a monthly drop-in session at the branch.',
  'Patrol visit; no issues seen, staff thanked for the referral route.',
  'Phone call about a shared case; agreed next steps.',
  'Email: the partner sent their new opening hours and duty number.',
];

export const SPECIAL_CATEGORY_DETAILS: Record<string, string[]> = {
  HEALTH: ['Type 1 diabetes: may need sugar urgently.', 'Epilepsy; staff know the first aid plan.', 'Uses a wheelchair; needs the lift.'],
  MENTAL_HEALTH: ['Under the community mental health team.', 'Told staff they have anxiety and panic attacks.', 'Recently discharged from hospital.'],
  ETHNICITY: ['Gypsy, Roma or Traveller heritage (said by them, relevant to support offered).'],
  RELIGION: ['Observes prayer times; asked for a quiet space.'],
  OTHER: ['Said they are in recovery from alcohol dependency.'],
};
