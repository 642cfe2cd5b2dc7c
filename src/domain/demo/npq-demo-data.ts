import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '../shared/stable-id.js';
import { refreshNpqProjections } from '../npq/npq-projection.js';
import { insert, prng, type Row } from './bulk-insert.js';
import { COLUMNS } from './seed-columns.js';
import { LEAD_PROVIDERS, NPQ_COURSES } from './reference-data.js';
import { NPQ_COHORTS, npqCohortId, npqScheduleIdentifiers } from './npq-reference-data.js';
import type { Inserted } from './reference-seed.js';

const NPQ_PROVIDERS = LEAD_PROVIDERS.filter((lp) => lp.programmes.includes('npq')).map((lp) => lp.name);
const FIRST = ['Amira', 'Ben', 'Chloe', 'Dev', 'Ellie', 'Femi', 'Grace', 'Harry', 'Isla', 'Jamal', 'Kate', 'Liam', 'Maya', 'Noah', 'Olu', 'Priya'];
// Data kept several to a line: Prettier would give each item a line of its own.
// prettier-ignore
const LAST = ['Ahmed', 'Brown', 'Clarke', 'Davies', 'Evans', 'Fraser', 'Green', 'Hughes', 'Iqbal', 'Jones', 'Khan', 'Lewis', 'Morgan', 'Patel', 'Roberts', 'Smith'];
const DEFER_REASONS = ['bereavement', 'long-term-sickness', 'parental-leave', 'career-break', 'other'];
const WITHDRAW_REASONS = ['personal-reason-moving-school', 'change-in-career', 'quality-of-programme-structure-not-suitable.', 'other'];
const COURSE_GROUP = Object.fromEntries(NPQ_COURSES.map(([id, , group]) => [id, group as string]));

/** The first schedule of a cohort that fits the course (in the digest's order), or null. */
function scheduleFor(cohortIdentifier: string, startYear: number, course: string): string | null {
  const group = COURSE_GROUP[course];
  const key = npqScheduleIdentifiers(startYear).find((s) => s.startsWith(`npq-${group === 'support' ? 'aso' : group}-`));
  return key ? stableId(`npq-schedule:${cohortIdentifier}:${key}`) : null;
}

/**
 * NPQ demo data: people with applications to every NPQ provider in every NPQ cohort, covering every application
 * status (and rejection reason) and funding mode, accepted applications in each training status (with their
 * history rows), a person accepted with one provider and auto-rejected by another (with a retired participant id
 * merged into them), a previously funded person, and outcomes (a failed-then-passed resit with every provider).
 * Deterministic ids; `at(seconds)` is the seed's clock.
 */
export async function seedNpqDemoData(tx: EntityManager, at: (seconds: number) => string): Promise<Inserted> {
  const rnd = prng(7);
  const people: Row[] = [];
  const applications: Row[] = [];
  const states: Row[] = [];
  const outcomes: Row[] = [];
  const courses = NPQ_COURSES.map(([id]) => id).filter((c) => c !== 'npq-additional-support-offer');

  const addPerson = (key: string, i: number, verified = true): string => {
    const id = stableId(`npq-person:${key}`);
    const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
    people.push({
      id,
      full_name: name,
      email: `${name.toLowerCase().replace(' ', '.')}.${i}@school.example`,
      trn: String(2_100_000 + i),
      trn_verified: verified,
      previous_names: i % 9 === 0 ? [`${name.split(' ')[0]} Former`] : [],
      created_at: at(3000 + i * 60),
      updated_at: at(3000 + i * 60),
    });
    return id;
  };

  type Status = 'pending' | 'accepted' | 'rejected';
  const addApplication = (o: {
    key: string;
    i: number;
    person: string;
    provider: string;
    cohort: (typeof NPQ_COHORTS)[number];
    course: string;
    status: Status;
    reason?: string;
    training?: 'active' | 'deferred' | 'withdrawn';
    eligible?: boolean;
  }): Row => {
    const ident = `${o.cohort.startYear}${o.cohort.suffix}`;
    const eligible = o.eligible ?? o.i % 4 !== 3;
    const created = 3000 + o.i * 60 + 30;
    const accepted = o.status === 'accepted' || (o.status === 'rejected' && o.training !== undefined);
    const funding = o.cohort.funding;
    const row: Row = {
      id: stableId(`npq-application:${o.key}`),
      participant_id: o.person,
      lead_provider_id: stableId(`lead-provider:${o.provider}`),
      course_identifier: o.course,
      npq_cohort_id: npqCohortId(ident),
      schedule_id: accepted ? scheduleFor(ident, o.cohort.startYear, o.course) : null,
      status: o.status,
      reason_for_rejection: o.status === 'rejected' ? (o.reason ?? 'rejected_by_provider') : null,
      training_status: accepted ? (o.training ?? 'active') : null,
      accepted_at: accepted ? at(created + 3600) : null,
      funded_place: funding === 'zero' ? false : funding === 'capped' && accepted ? eligible : null,
      eligible_for_funding: funding !== 'zero' && eligible,
      funding_eligibility_status_code: funding === 'zero' ? 'unfunded_cohort' : eligible ? 'funded' : 'ineligible_establishment_type',
      funding_choice: eligible && funding !== 'zero' ? null : (['school', 'trust', 'self', 'employer'] as const)[o.i % 4],
      headteacher_status: COURSE_GROUP[o.course] === 'ehco' ? 'yes_in_first_two_years' : 'no',
      targeted_delivery_funding_eligibility: o.i % 6 === 0,
      teacher_catchment: o.i % 13 === 5 ? 'another' : 'england',
      teacher_catchment_country: o.i % 13 === 5 ? 'France' : 'United Kingdom of Great Britain and Northern Ireland',
      teacher_catchment_iso_country_code: o.i % 13 === 5 ? 'FRA' : 'GBR',
      employment_type: o.i % 11 === 4 ? 'lead_mentor_for_accredited_itt_provider' : null,
      lead_mentor: o.i % 11 === 4,
      works_in_school: o.i % 11 !== 4,
      employer_name: o.i % 11 === 4 ? 'Northern Teacher Training' : null,
      employment_role: o.i % 11 === 4 ? 'Lead mentor' : null,
      school_urn: o.i % 11 === 4 ? null : String(100_000 + ((o.i * 37) % 300)),
      private_childcare_provider_urn: o.course === 'npq-early-years-leadership' ? `EY${400_000 + o.i}` : null,
      ukprn: o.i % 11 === 4 ? null : String(10_000_000 + o.i),
      itt_provider: o.i % 11 === 4 ? 'Northern Teacher Training' : null,
      senco_in_role: o.course === 'npq-senco' ? 'yes' : null,
      senco_start_date: o.course === 'npq-senco' ? '2022-09-01' : null,
      created_at: at(created),
      updated_at: at(accepted ? created + 3600 : created),
    };
    applications.push(row);
    if (accepted) {
      states.push({
        id: stableId(`npq-state:${o.key}:active`),
        application_id: row.id,
        lead_provider_id: row.lead_provider_id,
        state: 'active',
        reason: null,
        created_at: row.accepted_at,
      });
      if (o.training && o.training !== 'active') {
        const reasons = o.training === 'deferred' ? DEFER_REASONS : WITHDRAW_REASONS;
        states.push({
          id: stableId(`npq-state:${o.key}:${o.training}`),
          application_id: row.id,
          lead_provider_id: row.lead_provider_id,
          state: o.training,
          reason: reasons[o.i % reasons.length],
          created_at: at(created + 86_400),
        });
        row.updated_at = at(created + 86_400);
      }
    }
    return row;
  };

  // Eight people per provider, across the cohorts: accepted (active, deferred, withdrawn), pending and rejected.
  const plan: { status: Status; training?: 'active' | 'deferred' | 'withdrawn'; reason?: string }[] = [
    { status: 'accepted', training: 'active' },
    { status: 'accepted', training: 'deferred' },
    { status: 'accepted', training: 'withdrawn' },
    { status: 'accepted', training: 'active' },
    { status: 'pending' },
    { status: 'pending' },
    { status: 'rejected', reason: 'rejected_by_provider' },
    { status: 'rejected', reason: 'registration_expired' },
  ];
  let i = 0;
  for (const [pi, provider] of NPQ_PROVIDERS.entries()) {
    for (const [k, p] of plan.entries()) {
      const cohort = NPQ_COHORTS[(pi + k) % NPQ_COHORTS.length];
      const course = courses[(pi * 3 + k) % courses.length];
      const person = addPerson(`${provider}:${k}`, i, i % 7 !== 6);
      const app = addApplication({ key: `${provider}:${k}`, i, person, provider, cohort, course, ...p });
      // Outcomes on accepted leadership and specialist courses of the earlier cohorts.
      if (app.status === 'accepted' && cohort.startYear <= 2023 && ['leadership', 'specialist'].includes(COURSE_GROUP[course])) {
        outcomes.push({
          id: stableId(`npq-outcome:${provider}:${k}`),
          application_id: app.id,
          participant_id: person,
          lead_provider_id: app.lead_provider_id,
          state: rnd() < 0.8 ? 'passed' : 'failed',
          completion_date: `${cohort.startYear + 2}-07-15`,
          created_at: at(3000 + i * 60 + 200_000),
          updated_at: at(3000 + i * 60 + 200_000),
        });
      }
      i++;
    }
  }
  // One person, two providers, same course and cohort: accepted by the first, auto-rejected at the second.
  const capped = NPQ_COHORTS.find((c) => c.startYear === 2025)!;
  const both = addPerson('two-providers', i);
  addApplication({
    key: 'two-providers:accepted',
    i,
    person: both,
    provider: NPQ_PROVIDERS[0],
    cohort: capped,
    course: 'npq-headship',
    status: 'accepted',
    training: 'active',
  });
  addApplication({
    key: 'two-providers:auto-rejected',
    i: i + 1,
    person: both,
    provider: NPQ_PROVIDERS[1],
    cohort: capped,
    course: 'npq-headship',
    status: 'rejected',
    reason: 'other_application_in_this_cohort_accepted',
  });
  // Pending at a second provider too, for another course: the person has applications with several providers.
  addApplication({
    key: 'two-providers:pending',
    i: i + 2,
    person: both,
    provider: NPQ_PROVIDERS[1],
    cohort: capped,
    course: 'npq-leading-literacy',
    status: 'pending',
  });
  // A duplicate registration of the same person, merged into this one: its id is retired (v3 show answers 410).
  const idChanges: Row[] = [
    {
      id: stableId('npq-id-change:two-providers'),
      participant_id: both,
      from_participant_id: stableId('npq-person:two-providers:duplicate'),
      to_participant_id: both,
      created_at: at(3000 + i * 60 + 100),
      updated_at: at(3000 + i * 60 + 100),
    },
  ];
  i += 3;
  // Previously funded: headship accepted and funded in 2022, applying for headship again in 2025.
  const again = addPerson('previously-funded', i);
  addApplication({
    key: 'previously-funded:2022',
    i,
    person: again,
    provider: NPQ_PROVIDERS[2],
    cohort: NPQ_COHORTS[1],
    course: 'npq-headship',
    status: 'accepted',
    training: 'withdrawn',
    eligible: true,
  });
  addApplication({
    key: 'previously-funded:2025',
    i: i + 1,
    person: again,
    provider: NPQ_PROVIDERS[2],
    cohort: capped,
    course: 'npq-headship',
    status: 'pending',
    eligible: true,
  });
  i += 2;
  // A resit with every NPQ provider: failed, then passed, on the same accepted application (the latest outcome counts).
  for (const [pi, provider] of NPQ_PROVIDERS.entries()) {
    const course = pi % 2 === 0 ? 'npq-senior-leadership' : 'npq-leading-teaching-development';
    const cohort = NPQ_COHORTS[1];
    const person = addPerson(`resit:${provider}`, i);
    const app = addApplication({ key: `resit:${provider}`, i, person, provider, cohort, course, status: 'accepted', training: 'active' });
    for (const [k, state] of (['failed', 'passed'] as const).entries()) {
      outcomes.push({
        id: stableId(`npq-outcome:resit:${provider}:${state}`),
        application_id: app.id,
        participant_id: person,
        lead_provider_id: app.lead_provider_id,
        state,
        completion_date: `${cohort.startYear + 2}-${k === 0 ? '07-15' : '12-10'}`,
        created_at: at(3000 + i * 60 + 250_000 + k * 86_400),
        updated_at: at(3000 + i * 60 + 250_000 + k * 86_400),
      });
    }
    i++;
  }
  // The legacy ASO course, 2021 only.
  const aso = addPerson('aso', i);
  addApplication({
    key: 'aso:2021',
    i,
    person: aso,
    provider: NPQ_PROVIDERS[3],
    cohort: NPQ_COHORTS[0],
    course: 'npq-additional-support-offer',
    status: 'accepted',
    training: 'active',
  });

  // The first resit participant registered a second time (another person, the same TRN), accepted for the same course:
  // its declarations are duplicates (ineligible).
  const original = people.find((p) => p.id === stableId(`npq-person:resit:${NPQ_PROVIDERS[0]}`))!;
  const twin = addPerson('resit-twin', i + 1);
  people.at(-1)!.trn = original.trn;
  addApplication({
    key: 'resit-twin',
    i: i + 1,
    person: twin,
    provider: NPQ_PROVIDERS[0],
    cohort: NPQ_COHORTS[1],
    course: 'npq-senior-leadership',
    status: 'accepted',
    training: 'active',
  });

  const n: Inserted = {};
  n.npq_participants = await insert(tx, 'npq_participants', COLUMNS.npq_participants, people);
  n.npq_applications = await insert(tx, 'npq_applications', COLUMNS.npq_applications, applications);
  n.npq_application_states = await insert(tx, 'npq_application_states', COLUMNS.npq_application_states, states);
  n.npq_outcomes = await insert(tx, 'npq_outcomes', COLUMNS.npq_outcomes, outcomes);
  n.npq_participant_id_changes = await insert(tx, 'npq_participant_id_changes', COLUMNS.npq_participant_id_changes, idChanges);
  await refreshNpqProjections(tx);
  return n;
}
