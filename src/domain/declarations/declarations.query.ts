import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { PreparedStatement } from '../shared/prepared.js';
import { probeLimitOffset, toPage, type CohortFilter, type Page, type PageRequest } from '../shared/list-query.js';
import type { Programme } from '../shared/programme.js';
import { pgArray, rfc3339 } from '../shared/sql.js';
import { daySkip } from '../shared/day-counts.js';
import { WITH_PAYMENT_STATEMENT, type DeclarationType } from './declaration.vocabulary.js';

/** The API version a read is for: rule 3 of ecf.md §2.8 (`v3_only` listing rows) shows only on v3. */
export type DeclarationApiVersion = 'v1' | 'v2' | 'v3';

/**
 * One declaration as the calling provider sees it, with every field any version or programme shows (ecf.md §2.8,
 * npq.md §2.2–2.3, rect.md §3.5); each serializer picks its own.
 */
export interface DeclarationView {
  id: string;
  programme: Programme;
  /** The API participant id (participants.id for ECF, npq_participants.id for NPQ). */
  participantId: string;
  declarationType: DeclarationType;
  /** ECF: as declared. NPQ: the course of the application (an ASO declaration on an EHCO application shows EHCO). */
  courseIdentifier: string;
  declarationDate: string;
  /** Dasherized: `awaiting-clawback`, `clawed-back`. */
  state: string;
  /** The caller's listing row's `updated_at` (later than the declaration's when it became visible later). */
  updatedAt: string;
  createdAt: string;
  /** Start year of the declaration's cohort (its schedule's cohort at creation). */
  cohort: number;
  deliveryPartnerId: string | null;
  deliveryPartnerName: string | null;
  secondaryDeliveryPartnerId: string | null;
  secondaryDeliveryPartnerName: string | null;
  /** The payment statement while the declaration is billable or being clawed back; null otherwise. */
  statementId: string | null;
  clawbackStatementId: string | null;
  /** ECF ECT declarations: the mentor's participant id at the declaration date. */
  mentorId: string | null;
  /** `duplicate_declaration` when ineligible as a duplicate; otherwise null. */
  ineligibleForFundingReason: string | null;
  upliftPaid: boolean;
  evidenceHeld: string | null;
  /** ECF: always null. NPQ: the latest outcome of the declaration (passed true, failed false, voided or none null). */
  hasPassed: boolean | null;
  /** NPQ: the application. */
  applicationId: string | null;
  /** The name of the provider that submitted the declaration. */
  leadProviderName: string;
  /** v1: state eligible or payable. */
  eligibleForPayment: boolean;
  /** v1: state voided. */
  voided: boolean;
  /** Opaque position in the list order (created_at, id): `after` resumes behind it. */
  cursor: string;
}

export interface DeclarationReadScope {
  leadProviderId: string;
  programme: Programme;
}

export interface DeclarationFilter {
  /** Participant ids (any of); `[]` matches nothing. */
  participantIds?: string[];
  /** Cohort start years of the declaration's cohort (v3); `undefined` = no cohort filter. */
  cohorts?: CohortFilter;
  /** Delivery partners of the declaration (ECF v3). */
  deliveryPartnerIds?: string[];
  /** `updated_at >= updatedSince` (v3, and NPQ v1/v2). */
  updatedSince?: Date;
  /** `updated_at > updatedAfter` (ECF v1/v2: strict, ecf.md §2.4). */
  updatedAfter?: Date;
}

const PAYMENT_STATES = `(${WITH_PAYMENT_STATEMENT.map((s) => `'${s}'`).join(', ')})`;
const UPLIFT_STATES = `('paid', 'awaiting_clawback', 'clawed_back')`;
const NO_UPLIFT_COURSES = `('npq-additional-support-offer', 'npq-early-headship-coaching-offer')`;

/**
 * The columns of one declaration for the key `k` (declaration_id, created_at, updated_at of the caller's
 * listing row); the bench's bare floor reads the same text (bench/support/bare-lists.ts). The declarations are
 * fetched by primary key for the page's keys (`= any(array(...))`: an index probe per key, so a page of 3000 costs
 * about 3000 probes whatever the table's size); a plain join on `keys` let the planner hash-join a scan of the
 * whole table once a page was a few thousand rows. `uplift_paid`: ECF ecf.md §2.8 (ecf-induction started, paid or clawed back, with an uplift flag);
 * NPQ npq.md §5.9 (not ASO/EHCO, started, paid or clawed back, the application's targeted delivery funding).
 */
export const DECLARATION_HYDRATE_SQL = `select d.id, d.programme, d.participant_id as "participantId", d.declaration_type as "declarationType",
       coalesce(a.course_identifier, d.course_identifier) as "courseIdentifier",
       ${rfc3339('d.declaration_date')} as "declarationDate", replace(d.state, '_', '-') as "state",
       ${rfc3339('k.updated_at')} as "updatedAt", ${rfc3339('d.created_at')} as "createdAt", co.start_year as "cohort",
       d.delivery_partner_id as "deliveryPartnerId", dp.name as "deliveryPartnerName",
       d.secondary_delivery_partner_id as "secondaryDeliveryPartnerId", sdp.name as "secondaryDeliveryPartnerName",
       case when d.state in ${PAYMENT_STATES} then d.payment_statement_id end as "statementId",
       d.clawback_statement_id as "clawbackStatementId", d.mentor_participant_id as "mentorId",
       case when d.state = 'ineligible' and d.state_reason = 'duplicate' then 'duplicate_declaration' end as "ineligibleForFundingReason",
       (d.declaration_type = 'started' and d.state in ${UPLIFT_STATES} and case d.programme
          when 'ecf' then d.course_identifier = 'ecf-induction' and (d.pupil_premium_uplift or d.sparsity_uplift)
          else a.course_identifier not in ${NO_UPLIFT_COURSES} and a.targeted_delivery_funding_eligibility end) as "upliftPaid",
       d.evidence_held as "evidenceHeld",
       case when d.programme = 'npq' then (select case o.state when 'passed' then true when 'failed' then false end
                                             from npq_outcomes o where o.declaration_id = d.id
                                            order by o.created_at desc, o.id desc limit 1) end as "hasPassed",
       d.npq_application_id as "applicationId", lp.name as "leadProviderName",
       d.state in ('eligible', 'payable') as "eligibleForPayment", d.state = 'voided' as "voided",
       to_char(k.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '|' || d.id::text as "cursor"
  from keys k
  join participant_declarations d on d.id = k.declaration_id and d.id = any(array(select declaration_id from keys))
  join cohorts co on co.id = d.cohort_id
  join lead_providers lp on lp.id = d.lead_provider_id
  left join npq_applications a on a.id = d.npq_application_id
  left join delivery_partners dp on dp.id = d.delivery_partner_id
  left join delivery_partners sdp on sdp.id = d.secondary_delivery_partner_id`;

/** One declaration the caller may read on `version` (ecf.md §2.8 show, npq.md §5.1), or null. */
export async function findDeclarationAs(
  em: EntityManager,
  scope: DeclarationReadScope,
  id: string,
  options: { version: DeclarationApiVersion },
): Promise<DeclarationView | null> {
  if (!isUuid(id)) return null;
  const rows = await (options.version === 'v3' ? SHOW_V3 : SHOW_V1_V2).execute<DeclarationView>(em, [scope.leadProviderId, scope.programme, id]);
  return rows[0] ?? null;
}

/** The show's statement per version (named and prepared: it plans in ~2 ms and runs in well under 1, issue 8 item 9). */
const showSql = (v3: boolean) => `with keys as (
       select l.declaration_id, l.declaration_created_at as created_at, l.updated_at
         from participant_declaration_listings l
        where l.lead_provider_id = ? and l.programme = ? and l.declaration_id = ? ${v3 ? '' : 'and not l.v3_only'})
     ${DECLARATION_HYDRATE_SQL}`;
const SHOW_V3 = new PreparedStatement('declaration_show_v3', showSql(true));
const SHOW_V1_V2 = new PreparedStatement('declaration_show_v1_v2', showSql(false));

const CURSOR_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f-]{36})$/;

/**
 * The caller's declarations on `version` (ecf.md §2.8, npq.md §5.1), by creation then id: a key page from the
 * listing projection's `(lead_provider_id, programme, declaration_created_at, declaration_id)` index, whose
 * included columns carry every filter, then the page hydrated, in one statement. `after` (a row's `cursor`)
 * resumes behind that row (the CSV streams read by cursor).
 */
export async function listDeclarationsAs(
  em: EntityManager,
  scope: DeclarationReadScope,
  filter: DeclarationFilter,
  page: PageRequest,
  options: { version: DeclarationApiVersion; after?: string },
): Promise<Page<DeclarationView>> {
  const conditions = ['l.lead_provider_id = ?', 'l.programme = ?'];
  const params: unknown[] = [scope.leadProviderId, scope.programme];
  if (options.version !== 'v3') conditions.push('not l.v3_only');
  const unfilteredConditions = conditions.length;
  const none = (list: unknown[] | undefined) => list !== undefined && list.length === 0;
  if (none(filter.participantIds) || none(filter.cohorts) || none(filter.deliveryPartnerIds)) return { items: [], hasNextPage: false };
  if (filter.participantIds) {
    const ids = filter.participantIds.filter(isUuid);
    if (ids.length === 0) return { items: [], hasNextPage: false };
    conditions.push('l.participant_id = any(?::uuid[])');
    params.push(pgArray(ids));
  }
  if (filter.cohorts) {
    conditions.push('l.cohort_start_year = any(?::int[])');
    params.push(pgArray(filter.cohorts));
  }
  if (filter.deliveryPartnerIds) {
    const ids = filter.deliveryPartnerIds.filter(isUuid);
    if (ids.length === 0) return { items: [], hasNextPage: false };
    conditions.push('l.delivery_partner_id = any(?::uuid[])');
    params.push(pgArray(ids));
  }
  if (filter.updatedSince) {
    conditions.push('l.updated_at >= ?');
    params.push(filter.updatedSince);
  }
  if (filter.updatedAfter) {
    conditions.push('l.updated_at > ?');
    params.push(filter.updatedAfter);
  }
  if (options.after !== undefined) {
    const m = CURSOR_RE.exec(options.after);
    if (!m || !isUuid(m[2])) throw DomainError.badInput(`Not a cursor of this list: ${JSON.stringify(options.after.slice(0, 80))}`);
    conditions.push('(l.declaration_created_at, l.declaration_id) > (?::timestamptz, ?::uuid)');
    params.push(m[1], m[2]);
  }
  const { limit, offset, perPage } = probeLimitOffset(page);
  // The unfiltered list (what a full sync reads) starts its walk at the day its offset falls in, from the running
  // per-day counts (migration 20261217130000), so a deep page reads about one day's keys instead of every key before it.
  const unfiltered = conditions.length === unfilteredConditions;
  const count = options.version === 'v3' ? 'n_all' : 'n_v12';
  const skip = unfiltered
    ? daySkip(
        `select day, sum(${count}) as n from participant_declaration_listing_days
          where lead_provider_id = ? and programme = ? group by day having sum(${count}) > 0`,
        [scope.leadProviderId, scope.programme],
      )
    : null;
  const start = skip
    ? {
        ctes: `${skip.ctes},`,
        params: [...skip.params, offset],
        condition: `and l.declaration_created_at >= ${skip.floor}`,
        offset: skip.offset,
      }
    : { ctes: '', params: [], condition: '', offset: '?' };
  const rows = await em.execute<DeclarationView[]>(
    `with ${start.ctes} keys as (
       select l.declaration_id, l.declaration_created_at as created_at, l.updated_at
         from participant_declaration_listings l
        where ${conditions.join(' and ')} ${start.condition}
        order by l.declaration_created_at, l.declaration_id limit ? offset ${start.offset})
     ${DECLARATION_HYDRATE_SQL}
      order by k.created_at, k.declaration_id`,
    [...start.params, ...params, limit, offset],
  );
  return toPage(rows, perPage);
}
