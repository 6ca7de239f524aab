import type { SubjectAccessReport } from './subject-access-report.js';

/** Everything held about a person, as sent to them (JSON); `report` is what the HTML shows (subject-access-report.ts). */
export interface SubjectAccessDocument {
  generatedAt: string;
  controller: string;
  subjectId: string;
  subject: Record<string, unknown>;
  records: {
    table: string;
    title: string;
    entityType: string;
    linkedBy: string;
    via: string;
    rows: Record<string, unknown>[];
  }[];
  /** Partner organisations that received or hold records about the person (referrals, shares). */
  recipients: { partnerOrganisationId: string; name: string; records: { entityType: string; id: string }[] }[];
  /** Who read, changed, shared or exported the records: role and organisation, not staff names. */
  accessLog: {
    occurredAt: string;
    action: string;
    entityType: string;
    entityId: string | null;
    actorRole: string | null;
    actorOrganisation: string | null;
    purpose: string | null;
  }[];
  rightsRequests: Record<string, unknown>[];
  /** The same, as the person reads it (subject-access-report.ts): what the HTML shows, section by section. */
  report?: SubjectAccessReport;
}
