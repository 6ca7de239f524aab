import { Injectable } from '@nestjs/common';
import { AccessScopes, type Actor } from '../../../access/src/index.js';
import { BadInputError, NotFoundError } from '../../../common/src/index.js';
import type { PartnerWebhook, RemovePartnerWebhookInput, SetPartnerWebhookInput } from './partner-webhook.js';
import { webhookUrlProblem } from './signature.js';

const TYPE = 'PartnerWebhook';

const view = (r: { partner_organisation_id: string; url: string; version: number; updated_at: Date }): PartnerWebhook => ({
  partnerOrganisationId: r.partner_organisation_id,
  url: r.url,
  version: Number(r.version),
  updatedAt: new Date(r.updated_at),
});

/** Partner organisations' webhooks, set by the service's managers (notifications.rules.ts). The secret goes in and never comes out. */
@Injectable()
export class PartnerWebhookService {
  constructor(private readonly scopes: AccessScopes) {}

  async get(actor: Actor, partnerOrganisationId: string): Promise<PartnerWebhook | null> {
    const scope = this.scopes.of(actor);
    scope.assertCan('read', TYPE, { libraryServiceId: actor.principal.libraryServiceId });
    const [row] = await scope.manager.query(
      'SELECT partner_organisation_id, url, version, updated_at FROM partner_webhook WHERE partner_organisation_id = $1 AND library_service_id = $2',
      [partnerOrganisationId, actor.principal.libraryServiceId],
    );
    return row ? view(row) : null;
  }

  async set(actor: Actor, input: SetPartnerWebhookInput): Promise<PartnerWebhook> {
    const libraryServiceId = actor.principal.libraryServiceId;
    const scope = this.scopes.of(actor);
    scope.assertCan('update', TYPE, { libraryServiceId });
    const problem = webhookUrlProblem(input.url);
    if (problem) throw new BadInputError(problem, { field: 'url' });
    return scope.transaction(async (_s, m) => {
      await this.assertOrganisation(m, input.partnerOrganisationId, libraryServiceId);
      const [row] = await m.query(
        `INSERT INTO partner_webhook (partner_organisation_id, library_service_id, url, secret) VALUES ($1, $2, $3, $4)
         ON CONFLICT (partner_organisation_id) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret,
           version = partner_webhook.version + 1, updated_at = now()
         RETURNING partner_organisation_id, url, version, updated_at`,
        [input.partnerOrganisationId, libraryServiceId, input.url, input.secret],
      );
      return view(row);
    });
  }

  /** Messages still queued for it are given up when their turn comes (WEBHOOK_REMOVED). */
  async remove(actor: Actor, input: RemovePartnerWebhookInput): Promise<boolean> {
    const libraryServiceId = actor.principal.libraryServiceId;
    const scope = this.scopes.of(actor);
    scope.assertCan('update', TYPE, { libraryServiceId });
    return scope.transaction(async (_s, m) => {
      await this.assertOrganisation(m, input.partnerOrganisationId, libraryServiceId);
      const [rows] = await m.query('DELETE FROM partner_webhook WHERE partner_organisation_id = $1 AND library_service_id = $2 RETURNING 1', [
        input.partnerOrganisationId,
        libraryServiceId,
      ]);
      return (rows as unknown[]).length > 0;
    });
  }

  private async assertOrganisation(m: { query(sql: string, p: unknown[]): Promise<unknown[]> }, id: string, libraryServiceId: string): Promise<void> {
    const [org] = await m.query('SELECT 1 AS ok FROM partner_organisation WHERE id = $1 AND library_service_id = $2', [id, libraryServiceId]);
    if (!org) throw new NotFoundError('PartnerOrganisation', id);
  }
}
