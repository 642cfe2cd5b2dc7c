import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../shared/ids.js';
import { orderBy, probeLimitOffset, toPage, type Page, type PageRequest, type SortTerm } from '../shared/list-query.js';
import { rfc3339 } from '../shared/sql.js';
import type { TrainingStatus } from './npq-application.entity.js';

/** A training-status change as v3 shows it on an enrolment (`withdrawal`, `deferral`): the reason and when. */
export interface NpqStatusChangeView {
  reason: string | null;
  date: string;
}

/** One accepted application of the person with the caller (npq.md §2.2 "npq_enrolments"). */
export interface NpqEnrolmentView {
  applicationId: string;
  courseIdentifier: string;
  scheduleIdentifier: string | null;
  cohort: number | null;
  cohortSuffix: string | null;
  /** The registration answer as stored (not the derived application value). */
  eligibleForFunding: boolean;
  trainingStatus: TrainingStatus;
  schoolUrn: string | null;
  targetedDeliveryFundingEligibility: boolean;
  fundedPlace: boolean | null;
  /** The latest `withdrawn` history row by the caller, while withdrawn. */
  withdrawal: NpqStatusChangeView | null;
  /** The latest `deferred` history row by the caller, while deferred. */
  deferral: NpqStatusChangeView | null;
  /** When the application was accepted (the APIs' enrolment `created_at`). */
  createdAt: string;
}

/** A retired participant id (npq.md §1.6). */
export interface NpqParticipantIdChangeView {
  fromParticipantId: string;
  toParticipantId: string;
  changedAt: string;
}

/** An NPQ participant as the caller sees it (npq.md §2.2 "Participant", §2.3 v1/v2). */
export interface NpqParticipantView {
  id: string;
  fullName: string;
  email: string | null;
  /** Only once verified, in every version. */
  teacherReferenceNumber: string | null;
  previousNames: string[];
  /** Max of the person, every application of the person (any provider) and their id changes (npq.md §9.6). */
  updatedAt: string;
  createdAt: string;
  enrolments: NpqEnrolmentView[];
  /** Newest first. */
  participantIdChanges: NpqParticipantIdChangeView[];
}

export interface NpqParticipantFilter {
  updatedSince?: Date;
  trainingStatus?: TrainingStatus;
  fromParticipantId?: string;
}

const SORT_COLUMNS = { created_at: 'l.participant_created_at', updated_at: 'l.updated_at' };
const KEY_SORT_COLUMNS = { created_at: 'k.participant_created_at', updated_at: 'k.updated_at' };
const DEFAULT_SORT: SortTerm[] = [{ field: 'created_at', direction: 'asc' }];

const statusChange = (state: TrainingStatus) =>
  `case when a.training_status = '${state}' and h.created_at is not null then json_build_object('reason', h.reason, 'date', ${rfc3339('h.created_at')}) end`;

/**
 * Hydrates the keys (`keys`: participant_id, participant_created_at, updated_at of the caller's listing rows)
 * into participants, set-based so a page costs the same per row whatever its size: the page's accepted
 * applications with the caller (with schedule, cohort and, while deferred or withdrawn, the caller's latest
 * history row of that state) aggregated per person, then the person and their id changes. The caller's
 * provider id is bound twice (applications, history rows). `enrolments` is MATERIALIZED: on a list's last page
 * the planner estimates one key (the offset is past its row estimate) and, with the CTE inlined, re-ran the
 * aggregate once per key (a nested loop: 20 ms for the last page of 100 at production scale instead of 4 ms).
 */
const HYDRATE = `,
  enrolments as materialized (
    select a.participant_id, json_agg(json_build_object(
             'applicationId', a.id, 'courseIdentifier', a.course_identifier, 'scheduleIdentifier', s.schedule_identifier,
             'cohort', c.start_year, 'cohortSuffix', c.suffix, 'eligibleForFunding', a.eligible_for_funding,
             'trainingStatus', a.training_status, 'schoolUrn', a.school_urn,
             'targetedDeliveryFundingEligibility', a.targeted_delivery_funding_eligibility, 'fundedPlace', a.funded_place,
             'withdrawal', ${statusChange('withdrawn')}, 'deferral', ${statusChange('deferred')},
             'createdAt', ${rfc3339('a.accepted_at')}) order by a.accepted_at, a.id) as list
      from keys k
      join npq_applications a on a.participant_id = k.participant_id and a.lead_provider_id = ? and a.status = 'accepted'
      left join npq_cohorts c on c.id = a.npq_cohort_id
      left join schedules s on s.id = a.schedule_id
      left join lateral (
        select st.reason, st.created_at from npq_application_states st
         where a.training_status <> 'active' and st.application_id = a.id and st.state = a.training_status and st.lead_provider_id = ?
         order by st.created_at desc, st.id desc limit 1) h on true
     group by a.participant_id)
  select p.id, p.full_name as "fullName", p.email, case when p.trn_verified then p.trn end as "teacherReferenceNumber",
         p.previous_names as "previousNames", ${rfc3339('k.updated_at')} as "updatedAt", ${rfc3339('p.created_at')} as "createdAt",
         coalesce(e.list, '[]'::json) as enrolments,
         coalesce((
           select json_agg(json_build_object('fromParticipantId', x.from_participant_id, 'toParticipantId', x.to_participant_id,
                                             'changedAt', ${rfc3339('x.created_at')}) order by x.created_at desc, x.id desc)
             from npq_participant_id_changes x where x.participant_id = p.id), '[]'::json) as "participantIdChanges"
    from keys k join npq_participants p on p.id = k.participant_id left join enrolments e on e.participant_id = k.participant_id`;

/**
 * The caller's participants: people with an accepted application with the caller (npq.md §4.1), by the person's
 * created_at unless sorted. A key page from the provider's listing projection (`npq_participant_listings`, one
 * row per provider × person; its partial indexes cover `visible`, the order, `updated_at` and the training
 * statuses), then the page hydrated: one statement.
 */
export async function listNpqParticipants(
  em: EntityManager,
  leadProviderId: string,
  filter: NpqParticipantFilter,
  page: PageRequest,
  sort?: SortTerm[],
): Promise<Page<NpqParticipantView>> {
  const conditions = ['l.lead_provider_id = ?', 'l.visible'];
  const params: unknown[] = [leadProviderId];
  if (filter.updatedSince) {
    conditions.push('l.updated_at >= ?');
    params.push(filter.updatedSince);
  }
  if (filter.trainingStatus) {
    conditions.push('? = any(l.training_statuses)');
    params.push(filter.trainingStatus);
  }
  if (filter.fromParticipantId !== undefined) {
    // Not a UUID: no id change can match.
    conditions.push('l.participant_id in (select x.participant_id from npq_participant_id_changes x where x.from_participant_id = ?)');
    params.push(isUuid(filter.fromParticipantId) ? filter.fromParticipantId : '00000000-0000-0000-0000-000000000000');
  }
  const { limit, offset, perPage } = probeLimitOffset(page);
  const order = orderBy(sort, SORT_COLUMNS, DEFAULT_SORT, 'l.participant_id');
  const keyOrder = orderBy(sort, KEY_SORT_COLUMNS, DEFAULT_SORT, 'k.participant_id');
  const rows = await em.execute<NpqParticipantView[]>(
    `with keys as (select l.participant_id, l.participant_created_at, l.updated_at from npq_participant_listings l
                    where ${conditions.join(' and ')} order by ${order} limit ? offset ?)
     ${HYDRATE} order by ${keyOrder}`,
    [...params, limit, offset, leadProviderId, leadProviderId],
  );
  return toPage(rows, perPage);
}

/** One of the caller's participants; null for an unknown id, a retired one, or a person who is not the caller's participant (404). */
export async function findNpqParticipant(em: EntityManager, leadProviderId: string, id: string): Promise<NpqParticipantView | null> {
  if (!isUuid(id)) return null;
  const rows = await em.execute<NpqParticipantView[]>(
    `with keys as (select l.participant_id, l.participant_created_at, l.updated_at from npq_participant_listings l
                    where l.lead_provider_id = ? and l.visible and l.participant_id = ?)
     ${HYDRATE}`,
    [leadProviderId, id, leadProviderId, leadProviderId],
  );
  return rows[0] ?? null;
}

/** A retired participant id and what replaced it, whichever provider asks (npq.md §4.1: the v3 show's 410). */
export interface NpqRetiredParticipantIdView {
  fromParticipantId: string;
  toParticipantId: string;
  /** Every id change of the surviving person, newest first. */
  participantIdChanges: NpqParticipantIdChangeView[];
}

export async function findRetiredNpqParticipantId(em: EntityManager, id: string): Promise<NpqRetiredParticipantIdView | null> {
  if (!isUuid(id)) return null;
  const rows = await em.execute<NpqRetiredParticipantIdView[]>(
    `select r.from_participant_id as "fromParticipantId", r.to_participant_id as "toParticipantId",
            (select json_agg(json_build_object('fromParticipantId', x.from_participant_id, 'toParticipantId', x.to_participant_id,
                                               'changedAt', ${rfc3339('x.created_at')}) order by x.created_at desc, x.id desc)
               from npq_participant_id_changes x where x.participant_id = r.participant_id) as "participantIdChanges"
       from npq_participant_id_changes r where r.from_participant_id = ?`,
    [id],
  );
  return rows[0] ?? null;
}
