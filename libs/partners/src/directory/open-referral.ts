import { OmitType } from '@nestjs/graphql';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { CreatePartnerContactInput } from '../partner-contact/dto/create-partner-contact.input.js';
import { CreatePartnerOrganisationInput, LIST_MAX } from '../partner-organisation/dto/create-partner-organisation.input.js';
import { PartnerOrganisationType } from '../partner-organisation/partner-organisation-type.enum.js';
import { PartnerRelationship } from '../partner-organisation/partner-relationship.enum.js';

/*
 * Open Referral UK (the UK profile of the Human Services Data Specification), core fields only:
 * a document `{ "organizations": [...] }` (or the bare array), each organisation
 *   { id, name, email?, website? (or url), phones?: [{ number }],
 *     services?: [{ id?, name, service_areas?: [{ name | service_area }], contacts?: [Contact],
 *                   service_at_locations?: [{ location: Location }] }],
 *     locations?: [Location], contacts?: [Contact] }
 * Location: { id?, name }; Contact: { id?, name, title?, email?, phones?: [{ number }] }.
 * Other fields are ignored. Mapped to a partner: service names → servicesOffered; service area and
 * location names → areasCovered; organisation and service contacts → partner contacts (matched by
 * name within the organisation: ORUK contacts carry no id stable enough to key on).
 */

/** A contact as the import writes it: the fields of createPartnerContact a directory carries, validated alike. */
class DirectoryContact extends OmitType(CreatePartnerContactInput, ['partnerOrganisationId', 'preferredContact', 'notes', 'dataProtection'] as const) {}

/** A partner as the import writes it (its type and relationship apply to new partners only: ORUK has neither). */
class DirectoryOrganisation extends OmitType(CreatePartnerOrganisationInput, ['status', 'notes', 'address'] as const) {}

export interface DirectoryRecord {
  sourceId: string;
  organisation: DirectoryOrganisation;
  contacts: DirectoryContact[];
}

export type ParsedRecord = { ok: true; record: DirectoryRecord } | { ok: false; sourceId: string | null; reason: string };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const firstPhone = (v: unknown): string | undefined =>
  list(v)
    .map((p) => (isObject(p) ? text(p.number) : undefined))
    .find(Boolean);
const unique = (values: (string | undefined)[]): string[] => {
  const seen = new Map<string, string>();
  for (const v of values) if (v && !seen.has(v.toLowerCase())) seen.set(v.toLowerCase(), v);
  return [...seen.values()];
};

/** The organisations of a document, or why the document as a whole is refused. */
export function organisationsOf(document: unknown): unknown[] {
  if (Array.isArray(document)) return document;
  if (isObject(document) && Array.isArray(document.organizations)) return document.organizations;
  throw new Error('the document must be an Open Referral UK JSON object with an "organizations" array (or that array itself)');
}

/** The first message class-validator gave, naming the field. */
function firstProblem(errors: ValidationError[], prefix = ''): string | null {
  for (const e of errors) {
    const message = Object.values(e.constraints ?? {})[0];
    if (message) return `${prefix}${message}`;
    const nested = firstProblem(e.children ?? [], `${prefix}${e.property}.`);
    if (nested) return nested;
  }
  return null;
}

/** One organisation of the document, mapped and validated (as createPartnerOrganisation and createPartnerContact would), or refused with a reason. */
export function parseOrganisation(raw: unknown): ParsedRecord {
  if (!isObject(raw)) return { ok: false, sourceId: null, reason: 'not a JSON object' };
  const sourceId = typeof raw.id === 'string' ? raw.id.trim() : typeof raw.id === 'number' ? String(raw.id) : '';
  if (!sourceId) return { ok: false, sourceId: null, reason: 'no id' };
  if (sourceId.length > 200) return { ok: false, sourceId: sourceId.slice(0, 200), reason: 'id is longer than 200 characters' };
  const refuse = (reason: string): ParsedRecord => ({ ok: false, sourceId, reason });
  if (!text(raw.name)) return refuse('no name');
  const services = list(raw.services).filter(isObject);
  const locations = [...list(raw.locations), ...services.flatMap((s) => list(s.service_at_locations).map((l) => (isObject(l) ? l.location : undefined)))];
  const areas = unique([
    ...services.flatMap((s) => list(s.service_areas).map((a) => (isObject(a) ? (text(a.name) ?? text(a.service_area)) : undefined))),
    ...locations.map((l) => (isObject(l) ? text(l.name) : undefined)),
  ]);
  const servicesOffered = unique(services.map((s) => text(s.name)));
  if (servicesOffered.length > LIST_MAX) return refuse(`more than ${LIST_MAX} services`);
  if (areas.length > LIST_MAX) return refuse(`more than ${LIST_MAX} service areas and locations`);
  const organisation = plainToInstance(DirectoryOrganisation, {
    name: text(raw.name),
    type: PartnerOrganisationType.OTHER,
    relationship: PartnerRelationship.COLLABORATIVE_RELATIONSHIP,
    servicesOffered,
    areasCovered: areas,
    email: text(raw.email),
    website: text(raw.website) ?? text(raw.url),
    phone: firstPhone(raw.phones),
  });
  const problem = firstProblem(validateSync(organisation));
  if (problem) return refuse(problem);
  const contactsRaw = [...list(raw.contacts), ...services.flatMap((s) => list(s.contacts))];
  const contacts: DirectoryContact[] = [];
  for (const c of contactsRaw) {
    if (!isObject(c)) return refuse('a contact is not a JSON object');
    const contact = plainToInstance(DirectoryContact, { name: text(c.name), jobTitle: text(c.title), email: text(c.email), phone: firstPhone(c.phones) });
    const bad = firstProblem(validateSync(contact));
    if (bad) return refuse(`contact: ${bad}`);
    // The same person listed on the organisation and on a service is one contact: the first listing, completed by the later ones.
    const same = contacts.find((k) => k.name.toLowerCase() === contact.name.toLowerCase());
    if (same) {
      same.jobTitle ??= contact.jobTitle;
      same.email ??= contact.email;
      same.phone ??= contact.phone;
    } else contacts.push(contact);
  }
  if (contacts.length > 50) return refuse('more than 50 contacts');
  return { ok: true, record: { sourceId, organisation, contacts } };
}

/** What the export writes of a partner and its contacts. */
export interface DirectoryPartner {
  id: string;
  sourceId: string | null;
  name: string;
  email: string | null;
  website: string | null;
  phone: string | null;
  servicesOffered: string[];
  areasCovered: string[];
  contacts: { id: string; name: string; jobTitle: string | null; email: string | null; phone: string | null }[];
}

const phones = (number: string | null) => (number ? [{ number }] : []);

/**
 * A partner as an ORUK organisation: its id is the source id it was imported with (else its own);
 * one service per service offered, each with the areas covered as its service areas (a partner
 * keeps no finer link between the two); the areas as locations when it offers no service.
 */
export function toOpenReferral(p: DirectoryPartner): Json {
  const id = p.sourceId ?? p.id;
  const areas = p.areasCovered.map((name, i) => ({ id: `${id}-area-${i + 1}`, name }));
  return {
    id,
    name: p.name,
    ...(p.email ? { email: p.email } : {}),
    ...(p.website ? { website: p.website } : {}),
    phones: phones(p.phone),
    services: p.servicesOffered.map((name, i) => ({ id: `${id}-service-${i + 1}`, organization_id: id, name, status: 'active', service_areas: areas })),
    locations: p.servicesOffered.length ? [] : areas,
    contacts: p.contacts.map((c) => ({
      id: c.id,
      name: c.name,
      ...(c.jobTitle ? { title: c.jobTitle } : {}),
      ...(c.email ? { email: c.email } : {}),
      phones: phones(c.phone),
    })),
  };
}
