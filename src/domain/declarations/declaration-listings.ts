import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../shared/sql.js';
import { BILLABLE_OR_CHANGEABLE } from './declaration.vocabulary.js';

/**
 * The declaration lists' projection, `participant_declaration_listings` (migration 20261217120000): one row per
 * (lead provider, declaration) the provider may read.
 *
 * Who sees a declaration:
 * - its submitter, always;
 * - ECF: another provider, while the declaration holds its slot (submitted, eligible, payable, paid), when the
 *   participant's training record (same role) has a training period in one of that provider's partnerships with
 *   induction status `active` or `completed` (ecf.md §2.8 rule 2), or `leaving` with the declaration dated on or
 *   before the period's end (rule 3, v3 only: `v3_only`);
 * - NPQ: the provider that holds the application now, when it is not the submitter (npq.md §5.1).
 *
 * `refreshDeclarationListings` re-derives the rows of the declarations `scope` selects, in the writer's
 * transaction: rows that appear, change what they show (cohort, delivery partner, v3_only) or whose declaration is
 * in `changed` are marked `pending_stamp`, so `stampWrite` gives them the write's commit-ordered `updated_at`
 * (a declaration that becomes visible to a provider is new to that provider's `updated_since` poll even when
 * the declaration itself did not change); rows no longer visible are deleted. Without a scope (the seed) every
 * row is rebuilt with its declaration's `updated_at` and nothing is marked.
 */
export interface DeclarationScope {
  /** Declarations by id. */
  declarationIds?: string[];
  /** Every ECF declaration of these participants (participants.id): their training moved. */
  ecfParticipantIds?: string[];
  /** Every NPQ declaration on these applications: the application changed provider. */
  npqApplicationIds?: string[];
  /** Every ECF declaration of the participants a statement selects (a `participant_id` column). */
  ecfParticipantSql?: { sql: string; params: unknown[] };
}

const SLOT_STATES = `(${BILLABLE_OR_CHANGEABLE.map((state) => `'${state}'`).join(', ')})`;

function scopeSql(scope: DeclarationScope | undefined): { sql: string; params: unknown[] } {
  if (!scope) return { sql: 'select id from participant_declarations', params: [] };
  const parts: string[] = [];
  const params: unknown[] = [];
  if (scope.declarationIds?.length) {
    parts.push('select unnest(?::uuid[]) as id');
    params.push(pgArray(scope.declarationIds));
  }
  if (scope.ecfParticipantIds?.length) {
    parts.push(`select id from participant_declarations where participant_id = any(?::uuid[]) and programme = 'ecf'`);
    params.push(pgArray(scope.ecfParticipantIds));
  }
  if (scope.npqApplicationIds?.length) {
    parts.push('select id from participant_declarations where npq_application_id = any(?::uuid[])');
    params.push(pgArray(scope.npqApplicationIds));
  }
  if (scope.ecfParticipantSql) {
    parts.push(`select id from participant_declarations where programme = 'ecf' and participant_id in (${scope.ecfParticipantSql.sql})`);
    params.push(...scope.ecfParticipantSql.params);
  }
  if (parts.length === 0) return { sql: 'select null::uuid as id where false', params: [] };
  return { sql: parts.join(' union '), params };
}

/** The rows the declarations in `scope` should have: (lead_provider_id, declaration_id, v3_only). */
const WANTED = `
  decl as (select d.* from participant_declarations d where d.id in (select id from scope)),
  candidates as (
    select d.id as declaration_id, d.lead_provider_id, false as v3_only from decl d
    union all
    select d.id, p.lead_provider_id, tp.induction_status = 'leaving'
      from decl d
      join training_periods tp on tp.training_record_id = d.training_record_id
      join partnerships p on p.id = tp.partnership_id
     where d.programme = 'ecf' and d.state in ${SLOT_STATES} and p.lead_provider_id <> d.lead_provider_id
       and (tp.induction_status in ('active', 'completed')
            or (tp.induction_status = 'leaving' and (tp.end_date is null or d.declaration_date <= tp.end_date)))
    union all
    select d.id, a.lead_provider_id, false
      from decl d join npq_applications a on a.id = d.npq_application_id
     where d.programme = 'npq' and a.lead_provider_id <> d.lead_provider_id),
  wanted as (
    select c.lead_provider_id, c.declaration_id, bool_and(c.v3_only) as v3_only,
           d.programme, d.participant_id, co.start_year as cohort_start_year, d.delivery_partner_id, d.created_at, d.updated_at
      from candidates c join decl d on d.id = c.declaration_id join cohorts co on co.id = d.cohort_id
     group by c.lead_provider_id, c.declaration_id, d.programme, d.participant_id, co.start_year, d.delivery_partner_id, d.created_at, d.updated_at)`;

/**
 * The listing rows of a declaration that the same statement inserts (`source`: the name of a data-modifying CTE
 * returning the new `participant_declarations` row(s)): an INSERT giving exactly the rows `refreshDeclarationListings`
 * would (the WANTED rows, marked `pending_stamp`), without its scope, delete and upsert. A new declaration has no
 * listing rows yet, so nothing is deleted or updated; `stampWrite` stamps the rows as it stamps the refresh's.
 */
export function newDeclarationListingsInsert(source: string): string {
  return `insert into participant_declaration_listings (id, lead_provider_id, declaration_id, programme, participant_id, cohort_start_year,
            delivery_partner_id, declaration_created_at, v3_only, updated_at, pending_stamp)
     select gen_random_uuid(), c.lead_provider_id, d.id, d.programme, d.participant_id, co.start_year, d.delivery_partner_id, d.created_at,
            c.v3_only, d.updated_at, true
       from ${source} d
       join cohorts co on co.id = d.cohort_id
       cross join lateral (
         select d.lead_provider_id, false as v3_only
         union all
         select p.lead_provider_id, bool_and(tp.induction_status = 'leaving')
           from training_periods tp join partnerships p on p.id = tp.partnership_id
          where tp.training_record_id = d.training_record_id and d.programme = 'ecf' and d.state in ${SLOT_STATES}
            and p.lead_provider_id <> d.lead_provider_id
            and (tp.induction_status in ('active', 'completed')
                 or (tp.induction_status = 'leaving' and (tp.end_date is null or d.declaration_date <= tp.end_date)))
          group by p.lead_provider_id
         union all
         select a.lead_provider_id, false
           from npq_applications a
          where a.id = d.npq_application_id and d.programme = 'npq' and a.lead_provider_id <> d.lead_provider_id) c`;
}

export async function refreshDeclarationListings(em: EntityManager, scope?: DeclarationScope, changed: string[] = []): Promise<void> {
  const s = scopeSql(scope);
  if (!scope) {
    await em.execute(`delete from participant_declaration_listings`);
    await em.execute(
      `with scope as (${s.sql}), ${WANTED}
       insert into participant_declaration_listings (id, lead_provider_id, declaration_id, programme, participant_id, cohort_start_year,
              delivery_partner_id, declaration_created_at, v3_only, updated_at)
       select gen_random_uuid(), lead_provider_id, declaration_id, programme, participant_id, cohort_start_year, delivery_partner_id, created_at,
              v3_only, updated_at
         from wanted`,
      s.params,
    );
    // The per-day counts from scratch: the bulk load may run with triggers off (demo/without-fk-triggers.ts), and
    // one grouped insert is cheaper than the delete's and the insert's trigger updates anyway.
    await em.execute(`delete from participant_declaration_listing_days`);
    await em.execute(
      `insert into participant_declaration_listing_days (lead_provider_id, programme, day, n_all, n_v12)
       select lead_provider_id, programme, date_trunc('day', declaration_created_at, 'UTC'), count(*), count(*) filter (where not v3_only)
         from participant_declaration_listings group by 1, 2, 3`,
    );
    return;
  }
  await em.execute(
    `with scope as (${s.sql}), ${WANTED}
     delete from participant_declaration_listings l
      where l.declaration_id in (select id from scope)
        and not exists (select 1 from wanted w where w.lead_provider_id = l.lead_provider_id and w.declaration_id = l.declaration_id)`,
    s.params,
  );
  await em.execute(
    `with scope as (${s.sql}), ${WANTED}
     insert into participant_declaration_listings as l (id, lead_provider_id, declaration_id, programme, participant_id, cohort_start_year,
            delivery_partner_id, declaration_created_at, v3_only, updated_at, pending_stamp)
     select gen_random_uuid(), w.lead_provider_id, w.declaration_id, w.programme, w.participant_id, w.cohort_start_year, w.delivery_partner_id,
            w.created_at, w.v3_only, w.updated_at, true
       from wanted w
     on conflict (lead_provider_id, declaration_id) do update
        set participant_id = excluded.participant_id, cohort_start_year = excluded.cohort_start_year,
            delivery_partner_id = excluded.delivery_partner_id, v3_only = excluded.v3_only, pending_stamp = true
      where l.declaration_id = any(?::uuid[])
         or (l.participant_id, l.cohort_start_year, l.delivery_partner_id, l.v3_only)
            is distinct from (excluded.participant_id, excluded.cohort_start_year, excluded.delivery_partner_id, excluded.v3_only)`,
    [...s.params, pgArray(changed)],
  );
}
