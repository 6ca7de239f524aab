/**
 * The progress line of `generate-data`, on stderr: rows written of the (estimated) total, the rate
 * and the time left. Redrawn in place on a terminal at most four times a second; elsewhere (a log,
 * a pipe) a new line at most once every five seconds.
 */
export class Progress {
  private done = 0;
  private readonly started = performance.now();
  private lastDrawn = 0;
  private label = '';

  constructor(
    private total: number,
    private readonly write: (text: string) => void,
    private readonly isTty: boolean,
  ) {}

  add(rows: number, label: string): void {
    this.done += rows;
    this.label = label;
    if (this.done > this.total) this.total = this.done;
    const now = performance.now();
    if (now - this.lastDrawn >= (this.isTty ? 250 : 5_000)) {
      this.lastDrawn = now;
      this.draw(false);
    }
  }

  get rows(): number {
    return this.done;
  }

  get seconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  finish(): void {
    this.total = this.done;
    this.label = 'done';
    this.draw(true);
  }

  private draw(last: boolean): void {
    const seconds = this.seconds;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const share = this.total ? this.done / this.total : 1;
    const eta = rate > 0 && !last ? ` · ETA ${duration((this.total - this.done) / rate)}` : '';
    const width = 24;
    const filled = Math.round(share * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    const line = `${bar} ${(share * 100).toFixed(1).padStart(5)}% ${count(this.done)}/${count(this.total)} rows · ${count(Math.round(rate))} rows/s · ${duration(seconds)}${eta} · ${this.label}`;
    this.write(this.isTty ? `\r${line.padEnd(110)}${last ? '\n' : ''}` : `${line}\n`);
  }
}

const count = (n: number) => n.toLocaleString('en-GB');

export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
