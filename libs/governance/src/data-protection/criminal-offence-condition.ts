import type { EntityManager } from 'typeorm';

/**
 * The Article 10 condition a council relies on for criminal offence data: DPA 2018 Schedule 1
 * Part 3 paragraph 36 lets it rely on the Part 2 condition "preventing or detecting unlawful acts"
 * (paragraph 10). The default for an incident with a crime reference and for a ban.
 */
export const DEFAULT_CRIMINAL_OFFENCE_CONDITION =
  'DPA 2018 Schedule 1 Part 3 paragraph 36, applying Part 2 paragraph 10 (preventing or detecting unlawful acts)';

/**
 * The record types whose new records take their criminal offence condition from the service's
 * data protection policy (data_protection_policy), with the default when the service has chosen
 * none: the one place these defaults live, like RETENTION_YEARS for retention.
 */
export const CRIMINAL_OFFENCE_DEFAULTS = {
  BAN: DEFAULT_CRIMINAL_OFFENCE_CONDITION,
} as const;

export type CriminalOffencePolicyType = keyof typeof CRIMINAL_OFFENCE_DEFAULTS;

/** The condition a new record of `type` records unless a manager gives another: the service's choice, else the default. */
export async function criminalOffenceConditionPolicyFor(m: EntityManager, libraryServiceId: string, type: CriminalOffencePolicyType): Promise<string> {
  const [row] = await m.query('SELECT criminal_offence_condition AS c FROM data_protection_policy WHERE library_service_id = $1 AND record_type = $2', [
    libraryServiceId,
    type,
  ]);
  return (row?.c as string | undefined) ?? CRIMINAL_OFFENCE_DEFAULTS[type];
}
