import type { EntityManager } from 'typeorm';

/**
 * The Article 10 condition a council relies on for criminal offence data: DPA 2018 Schedule 1
 * Part 3 paragraph 36 lets it rely on the Part 2 condition "preventing or detecting unlawful acts"
 * (paragraph 10). The default for an incident with a crime reference and for a ban.
 */
export const DEFAULT_CRIMINAL_OFFENCE_CONDITION =
  'DPA 2018 Schedule 1 Part 3 paragraph 36, applying Part 2 paragraph 10 (preventing or detecting unlawful acts)';

/**
 * The condition a new ban records unless a manager gives another: the library service's policy
 * (library_service.ban_criminal_offence_condition), else the default above. Like the retention
 * policies, the default lives in code and a service's own choice only where it made one.
 */
export async function banCriminalOffenceConditionFor(m: EntityManager, libraryServiceId: string): Promise<string> {
  const [row] = await m.query('SELECT ban_criminal_offence_condition AS c FROM library_service WHERE id = $1', [libraryServiceId]);
  return (row?.c as string | null) ?? DEFAULT_CRIMINAL_OFFENCE_CONDITION;
}
