/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so results do not depend on the server's zone. */
export function addYears(date: Date, years: number): string {
  const d = new Date(Date.UTC(date.getUTCFullYear() + years, date.getUTCMonth(), date.getUTCDate()));
  // 29 February + 1 year rolls to 1 March, which is the later (safer) retention date.
  return d.toISOString().slice(0, 10);
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
