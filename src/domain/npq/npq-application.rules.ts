import type { Violation } from '../shared/domain-error.js';
import type { ApplicationStatus } from './npq-application.entity.js';
import type { NpqFunding } from './npq-cohort.entity.js';
import { NPQ_APPLICATION_MESSAGES as M } from './npq-application.messages.js';

/**
 * Collects violations as the live service reports them (npq.md §9.5): grouped by attribute in the order each
 * attribute first failed, identical messages for one attribute once.
 */
export class Violations {
  private readonly byField = new Map<string, string[]>();

  add(field: string, message: string): void {
    const list = this.byField.get(field) ?? [];
    if (!list.includes(message)) list.push(message);
    this.byField.set(field, list);
  }

  get any(): boolean {
    return this.byField.size > 0;
  }

  list(): Violation[] {
    return [...this.byField].flatMap(([field, messages]) => messages.map((message) => ({ field, message })));
  }
}

export interface AcceptFacts {
  /** The request's `funded_place` as sent: anything but exactly true or false counts as not given. */
  fundedPlace: unknown;
  /** The request's `schedule_identifier`; blank counts as not given. */
  scheduleIdentifier: string | undefined;
  status: ApplicationStatus;
  funding: NpqFunding | null;
  /** The raw `eligible_for_funding` registration answer. */
  eligibleForFunding: boolean;
  /** Another accepted, not withdrawn application for this course (ASO = EHCO) in this cohort, by this person or one sharing their verified TRN. */
  acceptedElsewhere: boolean;
  /** The resolved schedule, if any, and whether its course group contains the application's course. */
  schedule: { fitsCourse: boolean } | null;
}

/** Accept's checks in order (npq.md §3.3): every one runs, except those that need no earlier error. */
export function acceptViolations(f: AcceptFacts): Violation[] {
  const v = new Violations();
  if (f.funding === 'capped' && typeof f.fundedPlace !== 'boolean') v.add('fundedPlace', M.fundedPlaceRequired);
  if (f.funding === 'zero' && f.fundedPlace !== false) v.add('fundedPlace', M.fundedPlaceUnfundedCohort);
  if (f.status === 'accepted') v.add('application', M.alreadyAccepted);
  if (f.status === 'rejected') v.add('application', M.rejectedCannotChange);
  if (f.acceptedElsewhere) v.add('application', M.acceptedForThisCourse);
  if (!v.any && f.funding === 'capped' && f.fundedPlace === true && !f.eligibleForFunding) v.add('application', M.notEligibleForFundedPlace);
  if (!f.schedule) {
    if (f.scheduleIdentifier !== undefined) v.add('scheduleIdentifier', M.scheduleNotFoundInCohort);
    else v.add('schedule', M.scheduleCannotBeDetermined);
  } else if (!v.any && f.scheduleIdentifier !== undefined && !f.schedule.fitsCourse) {
    v.add('scheduleIdentifier', M.scheduleNotValidForCourse);
  }
  return v.list();
}

/** Reject's checks (npq.md §3.4): not already rejected; no submitted, eligible, payable or paid declaration. */
export function rejectViolations(status: ApplicationStatus, holdsDeclarations = false): Violation[] {
  const v = new Violations();
  if (status === 'rejected') v.add('application', M.alreadyRejected);
  if (holdsDeclarations) v.add('application', M.rejectWithDeclarations);
  return v.list();
}

/** What the default schedule is, for an application accepted without `schedule_identifier`. */
export type DefaultSchedule = { identifier: string } | { firstOfGroup: 'ehco' } | null;

const md = (date: string) => date.slice(5);
const between = (d: string, from: string, to: string) => d >= from && d <= to;

/**
 * `course.schedule_for(cohort:)` (npq.md §1.4), with `today` the request date (`X-With-Server-Date` moves it).
 * Always looked up within the application's cohort; a missing schedule is "Schedule cannot be determined".
 */
export function defaultSchedule(courseGroup: string | null, cohort: { identifier: string; startYear: number }, today: string): DefaultSchedule {
  const y = cohort.startYear;
  if (courseGroup === 'leadership' || courseGroup === 'specialist') {
    const prefix = `npq-${courseGroup}-`;
    const pick = (season: 'autumn' | 'spring') => ({ identifier: `${prefix}${season}` });
    if (cohort.identifier === '2026a') return pick('spring');
    if (cohort.identifier === '2026b') return pick('autumn');
    if (between(today, '2025-08-01', '2026-04-30') && y === 2025) return pick('autumn');
    if (between(today, '2024-06-28', '2025-06-06') && y === 2025) return pick('spring');
    if (between(today, '2024-06-28', '2025-06-06') && y === 2024) return pick('autumn');
    const d = md(today);
    if (between(d, '01-01', '04-02') || between(d, '12-26', '12-31')) return pick('spring');
    if (between(d, '04-03', '12-25')) return pick('autumn');
    return pick('spring');
  }
  if (courseGroup === 'ehco') {
    if (cohort.identifier === '2026a' || y < 2022) return { firstOfGroup: 'ehco' };
    if (between(today, `${y}-09-01`, `${y}-11-30`)) return { identifier: 'npq-ehco-november' };
    if (today >= `${y}-12-01` && today < `${y + 1}-03-01`) return { identifier: 'npq-ehco-december' };
    if (between(today, `${y + 1}-03-01`, `${y + 1}-05-31`)) return { identifier: 'npq-ehco-march' };
    return { identifier: 'npq-ehco-june' };
  }
  if (courseGroup === 'support') return { identifier: 'npq-aso-december' };
  return null;
}
