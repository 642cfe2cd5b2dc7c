import type { EntityManager } from '@mikro-orm/postgresql';
import type { CohortFilter, Page, PageRequest, SortTerm } from '../shared/list-query.js';
import {
  findParticipantAs,
  listParticipantsAs,
  type ParticipantIdChangeView,
  type ParticipantShape,
  type TrainingStatusChangeView,
} from './participants.query.js';
import { TRAINING_STATUSES, type MentorFundingEndReason, type ParticipantType, type TrainingStatus, type WorkingPattern } from './training-record.entity.js';

/** RECT `participant_status` (rect.md §3.2): no `withdrawn`; a withdrawn or deferred period is leaving or left. */
export type RectParticipantStatus = 'joining' | 'active' | 'leaving' | 'left';

/** One `ecf_enrolments` element in the RECT v3 shape (rect.md §2.3, §3.2). */
export interface RectEnrolmentView {
  trainingRecordId: string;
  email: string | null;
  mentorId: string | null;
  schoolUrn: string;
  participantType: ParticipantType;
  cohort: number;
  trainingStatus: TrainingStatus;
  participantStatus: RectParticipantStatus;
  eligibleForFunding: boolean | null;
  pupilPremiumUplift: boolean;
  sparsityUplift: boolean;
  scheduleIdentifier: string;
  deliveryPartnerId: string | null;
  withdrawal: TrainingStatusChangeView | null;
  deferral: TrainingStatusChangeView | null;
  createdAt: string;
  inductionEndDate: string | null;
  mostRecentInductionPeriodEndDate: string | null;
  overallInductionStartDate: string | null;
  mentorFundingEndDate: string | null;
  cohortChangedAfterPaymentsFrozen: boolean;
  mentorIneligibleForFundingReason: MentorFundingEndReason | null;
  workingPattern: WorkingPattern | null;
}

/** The RECT v3 participant (rect.md §2.3): one per person, with the enrolments the provider sees. */
export interface RectParticipantView {
  id: string;
  fullName: string;
  teacherReferenceNumber: string | null;
  updatedAt: string;
  ecfEnrolments: RectEnrolmentView[];
  participantIdChanges: ParticipantIdChangeView[];
}

export interface RectParticipantFilter {
  /** Cohort of a visible training record; undefined = every cohort, [] = none (rect.md §2.6). */
  cohorts: CohortFilter;
  updatedSince?: Date;
  /** `active`, `deferred` or `withdrawn`; any other text matches nothing (rect.md §3.2 "Filters"). */
  trainingStatus?: string;
  /** Participants that took over this retired id. */
  fromParticipantId?: string;
}

/**
 * RECT `participant_status` (rect.md §3.2) of the `role` period a projection row `v` shows, as of `now`, from the
 * row's copy of the period: withdrawn or deferred → leaving until the period stops (its end, or the
 * withdrawal/deferral if earlier, as `rectStopSql`), then left; an ECT whose induction completed (or a mentor
 * whose funding ended) within the period (`completed`, projected) → active; otherwise leaving/left around an end
 * date, joining before the start, else active. Three `now` parameters.
 */
const rectStatusSql = (v: string, role: 'ect' | 'mentor'): string => `case
  when ${v}.${role}_training_status in ('withdrawn', 'deferred')
    then case when least(${v}.${role}_ends_at, ${v}.${role}_status_changed_at) > ?::timestamptz then 'leaving' else 'left' end
  when ${v}.${role}_enrolment -> 'rect' -> 'completed' = 'true'::jsonb then 'active'
  when ${v}.${role}_ends_at is not null then case when ${v}.${role}_ends_at > ?::timestamptz then 'leaving' else 'left' end
  when ${v}.${role}_starts_at > ?::timestamptz then 'joining'
  else 'active' end`;

/**
 * The `role` enrolment of the projection row `v` in the RECT shape (rect.md §2.3, §3.2): the projected copy
 * with RECT's own withdrawal reason and induction dates, the participant's email when the period has none, and
 * the status as of `now`. Three `now` parameters.
 */
const rectEnrolmentSql = (v: string, role: 'ect' | 'mentor'): string => {
  const e = `${v}.${role}_enrolment`;
  return `(${e} - '{trnChecked,rect,withdrawal,inductionEndDate}'::text[]) || ((${e} -> 'rect') - 'completed')
            || jsonb_build_object('email', coalesce(${e} ->> 'email', pa.email), 'participantStatus', ${rectStatusSql(v, role)})`;
};

const RECT_SHAPE: ParticipantShape = { enrolment: rectEnrolmentSql, nowsPerEnrolment: 3 };

/**
 * The caller's participants for RECT v3 (rect.md §3.2): the same provider-scoped projection and indexes as ECF
 * (`participant_provider_views`), RECT's filters (no default cohort; an unknown training status matches nothing)
 * and RECT's enrolment shape. A key page, then the page hydrated, in one statement.
 */
export async function listRectParticipants(
  em: EntityManager,
  now: Date,
  leadProviderId: string,
  filter: RectParticipantFilter,
  page: PageRequest,
  sort?: SortTerm[],
): Promise<Page<RectParticipantView>> {
  if (filter.trainingStatus !== undefined && !(TRAINING_STATUSES as readonly string[]).includes(filter.trainingStatus)) {
    return { items: [], hasNextPage: false };
  }
  return listParticipantsAs<RectParticipantView>(em, now, leadProviderId, RECT_SHAPE, filter, page, sort);
}

/**
 * One participant the caller sees, by participant id, in the RECT shape; a retired id finds the participant that
 * holds it now (as on the ECF path, docs/compatibility.md). The show that the RECT participant actions answer with.
 */
export function findRectParticipant(em: EntityManager, now: Date, leadProviderId: string, id: string): Promise<RectParticipantView | null> {
  return findParticipantAs<RectParticipantView>(em, now, leadProviderId, RECT_SHAPE, id);
}
