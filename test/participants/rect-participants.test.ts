import { startTestApp, type TestApp } from '../support/test-app.js';
import { sql } from '../partnerships/fixtures.js';
import { addParticipants, createWorld, listRectParticipants, reprojectParticipants, showParticipant, showRectParticipant, type World } from './fixtures.js';

// RECT participants (rect.md §3.2, §10.1–10.2): the same people as ECF, RECT's participant_status rule computed with
// the request clock (X-With-Server-Date), induction dates from induction periods, the working pattern of the latest
// period, and RECT's filters. Through GraphQL with each provider's own token (the REST shape is the contract test's).

let app: TestApp;
let w: World;
let joiner: string;
let leaver: string;
let withdrawn: string;
let schoolWithdrawn: string;
let completed: { id: string; ect?: string };
let notCompleted: { id: string; ect?: string };
let mentorDone: { id: string; mentor?: string };
let mover: { id: string; ect?: string };
let openInduction: { id: string; ect?: string };

const inductionPeriod = (recordId: string, start: string, finish: string | null, outcome: string | null) =>
  sql(
    app,
    `insert into induction_periods (id, training_record_id, started_on, finished_on, outcome, created_at, updated_at)
     values (gen_random_uuid(), ?, ?, ?, ?, now(), now())`,
    [recordId, start, finish, outcome],
  );

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  const created = await addParticipants(app, [
    { records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2030-01-10T00:00:00Z' }] }] },
    {
      records: [{ type: 'mentor', periods: [{ partnershipId: w.pB, start: '2029-01-01T00:00:00Z', end: '2030-03-01T00:00:00Z', inductionStatus: 'leaving' }] }],
    },
    {
      records: [
        {
          type: 'ect',
          periods: [
            {
              partnershipId: w.pB,
              start: '2024-09-02T00:00:00Z',
              trainingStatus: 'withdrawn',
              reason: 'changed-lead-provider',
              changedAt: '2025-01-05T10:00:00Z',
              byLeadProviderId: w.P.id,
            },
          ],
        },
      ],
    },
    { records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z', inductionStatus: 'withdrawn' }] }] },
    { records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z', end: '2025-07-31T00:00:00Z' }] }] },
    { records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z', end: '2025-07-31T00:00:00Z' }] }] },
    { records: [{ type: 'mentor', periods: [{ partnershipId: w.pB, start: '2024-09-02T00:00:00Z', end: '2025-07-31T00:00:00Z' }] }] },
    {
      records: [
        {
          type: 'ect',
          periods: [
            { partnershipId: w.pA, start: '2024-09-02T00:00:00Z', end: '2025-03-01T00:00:00Z' },
            { partnershipId: w.qA, start: '2025-03-02T00:00:00Z', schoolTransfer: true },
          ],
        },
      ],
    },
    { records: [{ type: 'ect', periods: [{ partnershipId: w.pB, start: '2025-09-01T00:00:00Z' }] }] },
  ]);
  [{ id: joiner }, { id: leaver }, { id: withdrawn }, { id: schoolWithdrawn }, completed, notCompleted, mentorDone, mover, openInduction] = created;
  await inductionPeriod(completed.ect!, '2024-09-02', '2025-01-31', null);
  await inductionPeriod(completed.ect!, '2025-02-01', '2025-07-20', 'pass');
  await inductionPeriod(notCompleted.ect!, '2024-09-02', '2025-07-20', null);
  await inductionPeriod(openInduction.ect!, '2025-09-01', null, null);
  await sql(
    app,
    `update training_records set mentor_funding_end_date = '2025-07-01', mentor_funding_end_reason = 'completed_declaration_received' where id = ?`,
    [mentorDone.mentor!],
  );
  await sql(
    app,
    `update training_periods set working_pattern = case when start_date < '2025-03-01' then 'full_time' else 'part_time' end where training_record_id = ?`,
    [mover.ect!],
  );
  await reprojectParticipants(app, [w.pA, w.pB, w.qA]);
});
afterAll(async () => app.close());

const enrolmentAt = async (id: string, at: string, token = w.P.token) => (await showRectParticipant(app, token, id, at)).ecfEnrolments[0];
const statusAt = async (id: string, at: string) => (await enrolmentAt(id, at)).participantStatus as string;

describe('RECT participant_status across the clock', () => {
  it('is joining before the start date and active after it; updatedAt moves to the start', async () => {
    expect(await statusAt(joiner, '2030-01-09T23:59:59Z')).toBe('joining');
    expect(await statusAt(joiner, '2030-01-10T00:00:01Z')).toBe('active');
    expect((await showRectParticipant(app, w.P.token, joiner, '2030-01-11T00:00:00Z')).updatedAt).toBe('2030-01-10T00:00:00Z');
  });

  it('is leaving before the end date and left after it', async () => {
    expect(await statusAt(leaver, '2030-02-28T12:00:00Z')).toBe('leaving');
    expect(await statusAt(leaver, '2030-03-01T00:00:01Z')).toBe('left');
  });

  it('withdrawn: leaving until the withdrawal, left from then on; the reason may be changed-lead-provider (other on ECF)', async () => {
    expect(await statusAt(withdrawn, '2025-01-05T09:00:00Z')).toBe('leaving');
    const after = await enrolmentAt(withdrawn, '2025-01-06T00:00:00Z');
    expect(after).toMatchObject({
      participantStatus: 'left',
      trainingStatus: 'withdrawn',
      withdrawal: { reason: 'changed-lead-provider', date: '2025-01-05T10:00:00Z' },
    });
    expect((await showParticipant(app, w.P.token, withdrawn)).ecfEnrolments[0].withdrawal.reason).toBe('other');
  });

  it('has no withdrawn status: a school-withdrawn ECT is active on RECT (withdrawn on ECF)', async () => {
    expect(await statusAt(schoolWithdrawn, '2026-01-01T00:00:00Z')).toBe('active');
    expect((await showParticipant(app, w.P.token, schoolWithdrawn, '2026-01-01T00:00:00Z')).ecfEnrolments[0].participantStatus).toBe('withdrawn');
  });

  it('keeps an ECT who completed induction within the period active after it ends; without an outcome they have left', async () => {
    expect(await statusAt(completed.id, '2026-01-01T00:00:00Z')).toBe('active');
    expect(await statusAt(notCompleted.id, '2026-01-01T00:00:00Z')).toBe('left');
    expect(await statusAt(notCompleted.id, '2025-07-30T00:00:00Z')).toBe('leaving');
  });

  it('keeps a mentor whose funded training ended within the period active', async () => {
    expect(await statusAt(mentorDone.id, '2026-01-01T00:00:00Z')).toBe('active');
  });
});

describe('RECT enrolment attributes', () => {
  it('derives the induction dates from the induction periods', async () => {
    expect(await enrolmentAt(completed.id, '2026-01-01T00:00:00Z')).toMatchObject({
      overallInductionStartDate: '2024-09-02',
      mostRecentInductionPeriodEndDate: '2025-07-20',
      inductionEndDate: '2025-07-20',
    });
    expect(await enrolmentAt(notCompleted.id, '2026-01-01T00:00:00Z')).toMatchObject({
      overallInductionStartDate: '2024-09-02',
      mostRecentInductionPeriodEndDate: '2025-07-20',
      inductionEndDate: null,
    });
    expect(await enrolmentAt(openInduction.id, '2026-01-01T00:00:00Z')).toMatchObject({
      overallInductionStartDate: '2025-09-01',
      mostRecentInductionPeriodEndDate: null,
      inductionEndDate: null,
    });
    expect(await enrolmentAt(joiner, '2026-01-01T00:00:00Z')).toMatchObject({
      overallInductionStartDate: null,
      mostRecentInductionPeriodEndDate: null,
      inductionEndDate: null,
    });
  });

  it("shows the working pattern of the ECT's latest period, at any school and provider", async () => {
    expect((await enrolmentAt(mover.id, '2026-01-01T00:00:00Z', w.P.token)).workingPattern).toBe('part_time');
    expect((await enrolmentAt(mover.id, '2026-01-01T00:00:00Z', w.Q.token)).workingPattern).toBe('part_time');
    expect((await enrolmentAt(mentorDone.id, '2026-01-01T00:00:00Z')).workingPattern).toBeNull();
  });
});

describe('RECT visibility and filters', () => {
  it('keeps a participant who moved to another provider visible to the old one as left; the new one sees them active', async () => {
    expect(await enrolmentAt(mover.id, '2026-01-01T00:00:00Z', w.P.token)).toMatchObject({ participantStatus: 'left', schoolUrn: w.schools[0].urn });
    expect(await enrolmentAt(mover.id, '2026-01-01T00:00:00Z', w.Q.token)).toMatchObject({ participantStatus: 'active', schoolUrn: w.schools[2].urn });
  });

  it("never shows another provider's participant (list or show)", async () => {
    expect(await showRectParticipant(app, w.Q.token, joiner)).toBeNull();
    const qIds = (await listRectParticipants(app, w.Q.token, { page: { page: 1, perPage: 3000 } })).items.map((p) => p.id);
    expect(qIds).toEqual([mover.id]);
  });

  it('filters by training status (any other value matches nothing), cohort and updatedSince', async () => {
    const ids = async (filter: Record<string, unknown>) =>
      (await listRectParticipants(app, w.P.token, { filter, page: { page: 1, perPage: 3000 } })).items.map((p) => p.id);
    expect(await ids({ trainingStatus: 'withdrawn' })).toEqual([withdrawn]);
    expect(await ids({ trainingStatus: 'Withdrawn' })).toEqual([]);
    expect(await ids({ trainingStatus: 'joining' })).toEqual([]);
    expect((await ids({ cohorts: [2024] })).length).toBe(9);
    expect(await ids({ cohorts: [2023] })).toEqual([]);
    expect(await ids({ cohorts: [] })).toEqual([]);
    expect(await ids({ updatedSince: '2099-01-01T00:00:00Z' })).toEqual([]);
  });
});
