/**
 * The floor for each list endpoint: a bare handler that answers the same page with one `pg` Pool query
 * (native bind parameters, no ORM, no GraphQL) and `JSON.stringify`, using the REST facade's own
 * serializers so the bodies are byte-identical (the bench checks). The SQL is the efficient form the
 * domain queries converge on (README "Reads at scale"): a narrow key page from the index of the list's
 * filter and order, then only that page hydrated. Mirror src/domain/<list>/<list>.query.ts when it changes.
 */
import type { Pool } from 'pg';
import { isoDate, rfc3339, rfc3339Millis } from '../../src/domain/shared/sql.js';
import { trainingRouteSql } from '../../src/domain/schools/training-route.js';
import { collection, type Resource } from '../../src/rest-facade/shared/envelope.js';
import { serializeEcfSchool, serializeRectSchool } from '../../src/rest-facade/schools/school.serializers.js';
import type { PartnershipFieldsFragment as PartnershipData, SchoolFieldsFragment as SchoolData } from '../../src/rest-facade/generated/graphql.js';
import { serializeEcfPartnership, serializeRectPartnership } from '../../src/rest-facade/partnerships/partnership.serializers.js';
import { serializeDeliveryPartner } from '../../src/rest-facade/delivery-partners/delivery-partner.serializer.js';
import { serializeStatement } from '../../src/rest-facade/statements/statement.serializer.js';

export type Programme = 'ecf' | 'npq';

export interface BareList {
  /** Short name used in the table and the results file. */
  name: string;
  /** The REST path (query string included) the bare handler stands in for. */
  restPath: string;
  programme: Programme;
  /** Rows in the whole list, for the middle and last page numbers. */
  count(pool: Pool, leadProviderId: string): Promise<number>;
  /** The response body of one page. */
  page(pool: Pool, leadProviderId: string, limit: number, offset: number): Promise<string>;
}

const SCHOOL_COHORT = 2025;
const DEFAULT_COHORTS = 'start_year > 2020'; // no filter[cohort]: every cohort after 2020 (ecf.md §2.4)

const SCHOOLS_SQL = `
  with keys as (
    select sc.school_id, sc.cohort_id from school_cohorts sc
     where sc.cohort_id = (select id from cohorts where start_year = $1) and sc.api_visible
     order by sc.school_created_at, sc.school_id limit $2 offset $3)
  select s.id, s.name, s.urn, c.start_year as cohort, sc.in_partnership as "inPartnership",
         ${trainingRouteSql('sc.induction_programme_choice')} as "trainingRoute",
         mine.eoi as "expressionOfInterest",
         case when mine.eoi then s.induction_tutor_name end as "inductionTutorName",
         case when mine.eoi then coalesce(s.induction_tutor_email, s.primary_contact_email, s.secondary_contact_email) end as "inductionTutorEmail",
         ${rfc3339('s.created_at')} as "createdAt", ${rfc3339('sc.updated_at')} as "updatedAt"
    from keys k
    join school_cohorts sc on sc.school_id = k.school_id and sc.cohort_id = k.cohort_id
    join schools s on s.id = sc.school_id
    join cohorts c on c.id = sc.cohort_id
    cross join lateral (select exists (select 1 from partnerships p
       where p.school_id = sc.school_id and p.cohort_id = sc.cohort_id and p.lead_provider_id = $4
         and p.relationship = false and p.challenged_at is null and p.challenge_reason is null) as eoi) mine
   order by sc.school_created_at, sc.school_id`;

const PARTNERSHIPS_SQL = `
  with keys as (
    select p.id from partnerships p
     where p.lead_provider_id = $1 and p.relationship = false
       and p.cohort_id = any(array(select id from cohorts where ${DEFAULT_COHORTS}))
     order by p.created_at, p.id limit $2 offset $3)
  select p.id, c.start_year as cohort, s.urn, p.school_id as "schoolId", p.delivery_partner_id as "deliveryPartnerId",
         dp.name as "deliveryPartnerName",
         case when p.challenge_reason is not null then 'challenged' else 'active' end as status,
         p.challenge_reason as "challengedReason", ${rfc3339Millis('p.challenged_at')} as "challengedAt",
         s.induction_tutor_name as "inductionTutorName",
         coalesce(s.induction_tutor_email, s.primary_contact_email, s.secondary_contact_email) as "inductionTutorEmail",
         0 as "participantsCurrentlyTraining",
         ${rfc3339('p.created_at')} as "createdAt", ${rfc3339('p.updated_at')} as "updatedAt"
    from keys k
    join partnerships p on p.id = k.id
    join schools s on s.id = p.school_id
    join delivery_partners dp on dp.id = p.delivery_partner_id
    join cohorts c on c.id = p.cohort_id
   order by p.created_at, p.id`;

// ECF/RECT order by created_at, NPQ by name (npq.md §8); the provider's partners are few, so no key page.
const deliveryPartnersSql = (order: string) => `
  select dp.id, dp.name, ${rfc3339('dp.created_at')} as "createdAt", ${rfc3339('dp.updated_at')} as "updatedAt",
         array(select distinct c.start_year from provider_relationships pr join cohorts c on c.id = pr.cohort_id
                where pr.delivery_partner_id = dp.id and pr.lead_provider_id = $1 and pr.programme = $4
                  and pr.discarded_at is null order by c.start_year) as cohorts
    from delivery_partners dp
   where dp.discarded_at is null
     and exists (select 1 from provider_relationships pr join cohorts c on c.id = pr.cohort_id
                  where pr.delivery_partner_id = dp.id and pr.lead_provider_id = $1 and pr.programme = $4
                    and pr.discarded_at is null and c.${DEFAULT_COHORTS})
   order by ${order} limit $2 offset $3`;

const STATEMENTS_SQL = `
  select st.id, st.month, st.year, c.start_year as cohort,
         ${isoDate('st.deadline_date')} as "cutOffDate", ${isoDate('st.payment_date')} as "paymentDate",
         st.state = 'paid' as paid, ${rfc3339('st.created_at')} as "createdAt", ${rfc3339('st.updated_at')} as "updatedAt"
    from statements st join cohorts c on c.id = st.cohort_id
   where st.lead_provider_id = $1 and st.programme = $4 and st.output_fee and c.${DEFAULT_COHORTS}
   order by st.payment_date, st.id limit $2 offset $3`;

async function countOf(pool: Pool, sql: string, values: unknown[]): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(sql, values);
  return Number(rows[0].n);
}

const schools = (name: string, restPath: string, serialize: (s: SchoolData) => Resource): BareList => ({
  name,
  restPath,
  programme: 'ecf',
  count: (pool) =>
    countOf(pool, 'select count(*) as n from school_cohorts sc join cohorts c on c.id = sc.cohort_id where c.start_year = $1 and sc.api_visible', [
      SCHOOL_COHORT,
    ]),
  async page(pool, lp, limit, offset) {
    const { rows } = await pool.query<SchoolData>(SCHOOLS_SQL, [SCHOOL_COHORT, limit, offset, lp]);
    return JSON.stringify(collection(rows.map(serialize)));
  },
});

const partnerships = (name: string, restPath: string, serialize: (p: PartnershipData) => Resource): BareList => ({
  name,
  restPath,
  programme: 'ecf',
  count: (pool, lp) =>
    countOf(
      pool,
      `select count(*) as n from partnerships p join cohorts c on c.id = p.cohort_id where p.lead_provider_id = $1 and not p.relationship and c.${DEFAULT_COHORTS}`,
      [lp],
    ),
  async page(pool, lp, limit, offset) {
    const { rows } = await pool.query<PartnershipData>(PARTNERSHIPS_SQL, [lp, limit, offset]);
    return JSON.stringify(collection(rows.map(serialize)));
  },
});

const deliveryPartners = (programme: Programme): BareList => ({
  name: `delivery-partners (${programme})`,
  restPath: '/api/v3/delivery-partners',
  programme,
  count: (pool, lp) =>
    countOf(
      pool,
      `select count(distinct pr.delivery_partner_id) as n from provider_relationships pr join cohorts c on c.id = pr.cohort_id
      join delivery_partners dp on dp.id = pr.delivery_partner_id
     where pr.lead_provider_id = $1 and pr.programme = $2 and pr.discarded_at is null and dp.discarded_at is null and c.${DEFAULT_COHORTS}`,
      [lp, programme],
    ),
  async page(pool, lp, limit, offset) {
    const { rows } = await pool.query<Parameters<typeof serializeDeliveryPartner>[0]>(
      deliveryPartnersSql(programme === 'npq' ? 'dp.name, dp.id' : 'dp.created_at, dp.id'),
      [lp, limit, offset, programme],
    );
    return JSON.stringify(collection(rows.map((r) => serializeDeliveryPartner(r, programme))));
  },
});

const statements = (programme: Programme): BareList => ({
  name: `statements (${programme})`,
  restPath: '/api/v3/statements',
  programme,
  count: (pool, lp) =>
    countOf(
      pool,
      `select count(*) as n from statements st join cohorts c on c.id = st.cohort_id
     where st.lead_provider_id = $1 and st.programme = $2 and st.output_fee and c.${DEFAULT_COHORTS}`,
      [lp, programme],
    ),
  async page(pool, lp, limit, offset) {
    const { rows } = await pool.query<Parameters<typeof serializeStatement>[0]>(STATEMENTS_SQL, [lp, limit, offset, programme]);
    return JSON.stringify(collection(rows.map((r) => serializeStatement(r, programme))));
  },
});

/** Every v3 list endpoint, as the bench reads them. */
export const BARE_LISTS: BareList[] = [
  schools('schools/ecf', `/api/v3/schools/ecf?filter[cohort]=${SCHOOL_COHORT}`, serializeEcfSchool),
  schools('schools (rect)', `/api/v3/schools?filter[cohort]=${SCHOOL_COHORT}`, serializeRectSchool),
  partnerships('partnerships/ecf', '/api/v3/partnerships/ecf', serializeEcfPartnership),
  partnerships('partnerships (rect)', '/api/v3/partnerships', serializeRectPartnership),
  deliveryPartners('ecf'),
  deliveryPartners('npq'),
  statements('ecf'),
  statements('npq'),
];
