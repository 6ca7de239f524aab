import { BadInputError } from '../../../common/src/index.js';

/** One chain's head on one day, as the daily digest records it outside the database. */
export interface DigestEntry {
  day: string;
  chain: string;
  position: number;
  /** SHA-256 of the event at `position`, in hex. */
  hash: string;
}

const HASH = /^[0-9a-f]{64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A digest entry from one parsed line: the digest file's own lines, or the app's log lines that carry `auditDigest`. */
function entryOf(value: unknown): DigestEntry | null {
  if (typeof value !== 'object' || value === null) return null;
  const o = ((value as { auditDigest?: unknown }).auditDigest ?? value) as Record<string, unknown>;
  const position = typeof o.position === 'string' && /^\d+$/.test(o.position) ? Number(o.position) : o.position;
  if (typeof o.chain !== 'string' || typeof o.day !== 'string' || typeof o.hash !== 'string') return null;
  if (!Number.isSafeInteger(position) || (position as number) < 1 || !HASH.test(o.hash) || !DAY.test(o.day)) return null;
  return { day: o.day, chain: o.chain, position: position as number, hash: o.hash };
}

/**
 * The entries of a digest: AUDIT_DIGEST_FILE as the app appends to it (one JSON object a line), or
 * the app's JSON log, whose digest lines carry the same fields under `auditDigest` (other log
 * lines are skipped). A line that is not JSON at all is refused: it is not a file the app wrote.
 */
export function parseDigest(text: string): DigestEntry[] {
  const entries: DigestEntry[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new BadInputError(`digest line ${i + 1} is not JSON: give the AUDIT_DIGEST_FILE the service writes, or its JSON log`);
    }
    const entry = entryOf(parsed);
    if (entry) entries.push(entry);
  }
  return entries;
}

export const digestLine = (e: DigestEntry): string => `${JSON.stringify(e)}\n`;
