import { BadInputError } from '../../../common/src/index.js';

/**
 * The partner directory's full-text search (migration PartnerDirectory): one tsvector per partner,
 * from partner_directory_document(name, services_offered, areas_covered), with the name weighted
 * A, services B, areas C, behind a GIN index. Queries are built here from words only (letters and
 * digits), so nothing a user types reaches to_tsquery's own syntax.
 */

/** The SQL of a partner's search document; `alias` is the query builder's alias of partner_organisation. */
export const directoryDocument = (alias: string) => `partner_directory_document(${alias}.name, ${alias}.servicesOffered, ${alias}.areasCovered)`;

/** Lower-case words of a text: letters and digits, as the 'simple' parser splits them. */
export function directoryWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** `word:*W & …`: every word, by its start, in the weights given ('' for any field). */
function allWords(text: string, weights: '' | 'B' | 'C', field: string): string {
  const words = directoryWords(text);
  if (words.length === 0) throw new BadInputError(`${field} must hold at least one word (letters or digits)`);
  return words.map((w) => `${w}:*${weights}`).join(' & ');
}

export interface DirectoryTerms {
  text?: string;
  servicesOffered?: string[];
  areasCovered?: string[];
}

/**
 * The to_tsquery('simple', …) text for a search, or null when it asks for nothing: the text's
 * words anywhere, AND any one of the services (in services), AND any one of the areas (in areas).
 * An empty list matches nothing (architecture.md, "Filters"): `matchesNothing` says so.
 */
export function directoryQuery(terms: DirectoryTerms): { query: string | null; matchesNothing: boolean } {
  const parts: string[] = [];
  let matchesNothing = false;
  if (terms.text !== undefined && terms.text !== null) parts.push(`(${allWords(terms.text, '', 'text')})`);
  for (const [list, weight, field] of [
    [terms.servicesOffered, 'B', 'servicesOffered'],
    [terms.areasCovered, 'C', 'areasCovered'],
  ] as const) {
    if (!list) continue;
    if (list.length === 0) matchesNothing = true;
    else parts.push(`(${list.map((entry) => `(${allWords(entry, weight, `each of ${field}`)})`).join(' | ')})`);
  }
  return { query: parts.length ? parts.join(' & ') : null, matchesNothing };
}
