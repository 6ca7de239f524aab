import type { RetentionTypeCount } from './retention-run.entity.js';
import type { RetentionRunView } from './retention.types.js';

/** A retention_run row as GraphQL shows it. */
export function runView(r: {
  id: string;
  triggered_by: string;
  dry_run: boolean;
  status: string;
  started_at: Date;
  finished_at: Date | null;
  counts: RetentionTypeCount[];
}): RetentionRunView {
  return {
    id: r.id,
    triggeredBy: r.triggered_by,
    dryRun: r.dry_run,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    counts: r.counts.map((c) => ({ ...c, action: c.action as RetentionRunView['counts'][number]['action'] })),
  };
}
