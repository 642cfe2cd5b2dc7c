import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createSchool, sql } from '../partnerships/fixtures.js';
import { violations } from '../npq/npq-fixtures.js';
import { createWorld, type World } from './fixtures.js';
import { eligibilityFromDateOfBirth } from '../../src/domain/participants/admin-participants.service.js';
import { call, dayFromToday, ok, OPERATIONS, pinUpdatedAt, PINNED, register, restIds, restShow, updatedAt, type Operation } from './admin-fixtures.js';

// Issue 6 item 5: the internal (admin) operations the school-facing service calls, seen through what each provider
// reads over REST v3 (GET /api/v3/participants/ecf), with updated_at moving for exactly the providers who see the
// change (ecf.md §1.3–1.5, §1.7, §3.8, §13).

let app: TestApp;
let w: World;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
});
afterAll(async () => app.close());

const enrolments = async (token: string, id: string): Promise<any[]> => (await restShow(app, token, id))?.attributes.ecf_enrolments ?? null;
const moved = async (token: string, id: string): Promise<boolean> => (await updatedAt(app, token, id)) !== PINNED;

describe('admin token only', () => {
  it.each(Object.keys(OPERATIONS) as Operation[])('%s refuses a provider token with the existing FORBIDDEN error and writes nothing', async (op) => {
    const before = await sql(app, 'select count(*)::int as n from training_periods');
    const full: Record<Operation, Record<string, unknown>> = {
      registerEcfParticipant: { schoolId: w.schools[0].id, cohort: 2024, participantType: 'ect', fullName: 'X', email: 'x@example.com' },
      assignEcfMentor: { ectParticipantId: randomUUID() },
      recordEcfSchoolMove: {
        participantId: randomUUID(),
        participantType: 'ect',
        leavingDate: '2025-01-01',
        schoolId: w.schools[1].id,
        joiningDate: '2025-01-02',
      },
      changeEcfFundingEligibility: { participantId: randomUUID(), participantType: 'ect', status: 'eligible', reason: 'none' },
      completeEcfTraining: { participantId: randomUUID(), participantType: 'ect', completionDate: '2025-01-01' },
      mergeEcfParticipants: { fromParticipantId: randomUUID(), toParticipantId: randomUUID() },
    };
    for (const token of [w.P.token, app.token('Ambition Institute', 'npq')]) {
      const refused = await call(app, op, full[op], token);
      expect(refused.errors).toHaveLength(1);
      expect(refused.errors![0]).toMatchObject({ message: 'This operation needs an admin token', extensions: { code: 'FORBIDDEN' } });
      expect(refused.data).toBeNull();
    }
    expect(await sql(app, 'select count(*)::int as n from training_periods')).toEqual(before);
  });
});

describe('registerEcfParticipant', () => {
  it('the school’s partnership for the cohort decides the provider: P sees the ECT, Q does not', async () => {
    const r = await register(app, {
      schoolId: w.schools[0].id,
      fullName: '  Amira   Khan ',
      email: 'Amira.Khan@School.Example',
      inductionStartDate: '2024-09-02',
    });
    expect(r).toMatchObject({ fullName: 'Amira Khan', email: 'amira.khan@school.example', mentorTrainingRecordId: null, retiredParticipantIds: [] });
    const p = await restShow(app, w.P.token, r.id);
    expect(p.attributes).toMatchObject({ full_name: 'Amira Khan', teacher_reference_number: r.teacherReferenceNumber });
    expect(p.attributes.ecf_enrolments).toEqual([
      expect.objectContaining({
        training_record_id: r.ectTrainingRecordId,
        email: 'amira.khan@school.example',
        mentor_id: null,
        school_urn: w.schools[0].urn,
        participant_type: 'ect',
        cohort: '2024',
        training_status: 'active',
        participant_status: 'active',
        teacher_reference_number_validated: true,
        eligible_for_funding: true,
        schedule_identifier: 'ecf-standard-september',
        delivery_partner_id: w.dp,
      }),
    ]);
    expect(await restShow(app, w.Q.token, r.id)).toBeNull();
    expect(await restIds(app, w.P.token)).toContain(r.id);
    expect(await restIds(app, w.Q.token)).not.toContain(r.id);
  });

  it.each([
    ['ECT 2024, 24/1/1900', 'ect', 2024, '1900-01-24', true],
    ['ECT 2025, 25/1/1900', 'ect', 2025, '1900-01-25', true],
    ['ECT 2024 with the 2023 date', 'ect', 2024, '1900-01-23', null],
    ['ECT with an ordinary date of birth', 'ect', 2024, '1990-05-17', null],
    ['ECT with no date of birth', 'ect', 2024, null, null],
    ['mentor, 1/1/1900', 'mentor', 2025, '1900-01-01', true],
    ['mentor with the ECT date', 'mentor', 2024, '1900-01-24', null],
  ] as const)('magic date of birth: %s', async (_label, type, cohort, dob, eligible) => {
    const r = await register(app, { schoolId: w.schools[0].id, participantType: type, cohort, dateOfBirth: dob });
    const [e] = await enrolments(w.P.token, r.id);
    expect({ eligible: e.eligible_for_funding, validated: e.teacher_reference_number_validated, cohort: e.cohort }).toEqual({
      eligible,
      validated: eligible === true,
      cohort: String(cohort),
    });
  });

  it('a start date ahead is joining, and active once it passes (by the clock)', async () => {
    const r = await register(app, { schoolId: w.schools[1].id, startDate: dayFromToday(10) });
    expect((await enrolments(w.P.token, r.id))[0].participant_status).toBe('joining');
    const later = await restShow(app, w.P.token, r.id, { 'X-With-Server-Date': `${dayFromToday(11)}T00:00:00Z` });
    expect(later.attributes.ecf_enrolments[0].participant_status).toBe('active');
  });

  it('a school with no partnership in the cohort: registered, seen by no provider', async () => {
    const r = await register(app, { schoolId: w.schools[3].id });
    expect(await restShow(app, w.P.token, r.id)).toBeNull();
    expect(await restShow(app, w.Q.token, r.id)).toBeNull();
  });

  it('an ECT who became a mentor: the same TRN gets a mentor record on the same participant; only the mentor’s provider moves', async () => {
    const ect = await register(app, { schoolId: w.schools[0].id });
    await pinUpdatedAt(app, [ect.id]);
    const both = await register(app, {
      schoolId: w.schools[2].id,
      participantType: 'mentor',
      trn: ect.teacherReferenceNumber,
      email: 'mentor.role@school.example',
    });
    expect(both).toMatchObject({ id: ect.id, ectTrainingRecordId: ect.ectTrainingRecordId, mentorTrainingRecordId: expect.any(String) });
    // Q (the mentor's provider) sees one participant with the mentor enrolment; P still sees only the ECT, unmoved.
    expect((await enrolments(w.Q.token, ect.id)).map((e) => [e.participant_type, e.email])).toEqual([['mentor', 'mentor.role@school.example']]);
    expect(await moved(w.Q.token, ect.id)).toBe(true);
    expect((await enrolments(w.P.token, ect.id)).map((e) => e.participant_type)).toEqual(['ect']);
    expect(await moved(w.P.token, ect.id)).toBe(false);

    // The same role twice is refused.
    const again = await call(app, 'registerEcfParticipant', {
      schoolId: w.schools[1].id,
      cohort: 2024,
      participantType: 'mentor',
      trn: ect.teacherReferenceNumber,
      fullName: 'Again',
      email: 'again@school.example',
    });
    expect(violations(again)).toEqual([{ field: 'trn', message: `A participant with this TRN is already registered as a mentor (${ect.id})` }]);
  });

  it('an ECT who became a mentor with the same provider: one row, two enrolments (ECT first), that row moves', async () => {
    const ect = await register(app, { schoolId: w.schools[0].id });
    await pinUpdatedAt(app, [ect.id]);
    await register(app, { schoolId: w.schools[1].id, participantType: 'mentor', trn: ect.teacherReferenceNumber });
    expect((await enrolments(w.P.token, ect.id)).map((e) => e.participant_type)).toEqual(['ect', 'mentor']);
    expect(await moved(w.P.token, ect.id)).toBe(true);
  });

  it('validation: every violation, named by input field, and nothing written', async () => {
    const before = await sql(app, 'select count(*)::int as n from participants');
    const res = await call(app, 'registerEcfParticipant', {
      schoolId: randomUUID(),
      cohort: 1999,
      participantType: 'mentor',
      trn: '12345',
      fullName: '   ',
      email: 'not-an-email',
      dateOfBirth: dayFromToday(1),
      inductionStartDate: '2024-09-01',
    });
    expect(violations(res)).toEqual([
      { field: 'schoolId', message: 'The school could not be found' },
      { field: 'cohort', message: 'The cohort could not be found' },
      { field: 'trn', message: 'The teacher reference number (TRN) must be 7 digits' },
      { field: 'fullName', message: "Enter the participant's full name" },
      { field: 'email', message: 'Enter a valid email address' },
      { field: 'dateOfBirth', message: 'The date of birth must be in the past' },
      { field: 'inductionStartDate', message: 'Only ECTs have an induction start date' },
    ]);
    expect(await sql(app, 'select count(*)::int as n from participants')).toEqual(before);
  });
});

describe('assignEcfMentor', () => {
  it('gives, changes and removes a mentor from now: a new training period each time; only the ECT’s rows move', async () => {
    const ect = await register(app, { schoolId: w.schools[0].id });
    const m1 = await register(app, { schoolId: w.schools[0].id, participantType: 'mentor' });
    const m2 = await register(app, { schoolId: w.schools[2].id, participantType: 'mentor' }); // trained by Q: unfunded for P
    const all = [ect.id, m1.id, m2.id];

    await pinUpdatedAt(app, all);
    await ok(app, 'assignEcfMentor', { ectParticipantId: ect.id, mentorParticipantId: m1.id });
    expect((await enrolments(w.P.token, ect.id))[0]).toMatchObject({ mentor_id: m1.id, participant_status: 'active', school_urn: w.schools[0].urn });
    expect([await moved(w.P.token, ect.id), await moved(w.P.token, m1.id), await moved(w.Q.token, m2.id)]).toEqual([true, false, false]);

    await pinUpdatedAt(app, all);
    await ok(app, 'assignEcfMentor', { ectParticipantId: ect.id, mentorParticipantId: m2.id });
    expect((await enrolments(w.P.token, ect.id))[0].mentor_id).toBe(m2.id);
    expect([await moved(w.P.token, ect.id), await moved(w.P.token, m1.id), await moved(w.Q.token, m2.id)]).toEqual([true, false, false]);

    await pinUpdatedAt(app, all);
    await ok(app, 'assignEcfMentor', { ectParticipantId: ect.id, mentorParticipantId: null });
    expect((await enrolments(w.P.token, ect.id))[0].mentor_id).toBeNull();
    expect(await moved(w.P.token, ect.id)).toBe(true);

    // ecf.md §3.8: each change closed the current period ('changed', ending now) and opened a copy.
    const periods = await sql(
      app,
      `select induction_status, end_date is null as open, mentor_training_record_id from training_periods where training_record_id = ? order by start_date, created_at`,
      [ect.ectTrainingRecordId],
    );
    expect(periods.map((p) => [p.induction_status, p.open, p.mentor_training_record_id])).toEqual([
      ['changed', false, null],
      ['changed', false, m1.mentorTrainingRecordId],
      ['changed', false, m2.mentorTrainingRecordId],
      ['active', true, null],
    ]);

    // The same mentor again changes nothing and moves nothing.
    await ok(app, 'assignEcfMentor', { ectParticipantId: ect.id, mentorParticipantId: m1.id });
    const before = await updatedAt(app, w.P.token, ect.id);
    await ok(app, 'assignEcfMentor', { ectParticipantId: ect.id, mentorParticipantId: m1.id });
    expect(await updatedAt(app, w.P.token, ect.id)).toBe(before);
  });

  it('a period that starts in the future is changed in place', async () => {
    const ect = await register(app, { schoolId: w.schools[1].id, startDate: dayFromToday(20) });
    const m = await register(app, { schoolId: w.schools[1].id, participantType: 'mentor' });
    await pinUpdatedAt(app, [ect.id, m.id]);
    await ok(app, 'assignEcfMentor', { ectParticipantId: ect.id, mentorParticipantId: m.id });
    expect((await enrolments(w.P.token, ect.id))[0]).toMatchObject({ mentor_id: m.id, participant_status: 'joining' });
    expect(await moved(w.P.token, ect.id)).toBe(true);
    expect(await moved(w.P.token, m.id)).toBe(false);
    expect(await sql(app, 'select count(*)::int as n from training_periods where training_record_id = ?', [ect.ectTrainingRecordId])).toEqual([{ n: 1 }]);
  });

  it('validation', async () => {
    const ect = await register(app, { schoolId: w.schools[0].id });
    const otherEct = await register(app, { schoolId: w.schools[0].id });
    expect(violations(await call(app, 'assignEcfMentor', { ectParticipantId: randomUUID(), mentorParticipantId: otherEct.id }))).toEqual([
      { field: 'ectParticipantId', message: 'The participant could not be found' },
      { field: 'mentorParticipantId', message: 'The participant has no mentor training record' },
    ]);
    const mentorOnly = await register(app, { schoolId: w.schools[0].id, participantType: 'mentor' });
    expect(violations(await call(app, 'assignEcfMentor', { ectParticipantId: mentorOnly.id, mentorParticipantId: 'nope' }))).toEqual([
      { field: 'ectParticipantId', message: 'The participant has no ECT training record' },
      { field: 'mentorParticipantId', message: 'The participant could not be found' },
    ]);
    const both = await register(app, { schoolId: w.schools[0].id, participantType: 'mentor', trn: ect.teacherReferenceNumber });
    expect(violations(await call(app, 'assignEcfMentor', { ectParticipantId: ect.id, mentorParticipantId: both.id }))).toEqual([
      { field: 'mentorParticipantId', message: 'An ECT cannot be their own mentor' },
    ]);
    const left = await register(app, { schoolId: w.schools[0].id });
    await ok(app, 'recordEcfSchoolMove', {
      participantId: left.id,
      participantType: 'ect',
      leavingDate: '2025-01-10',
      schoolId: w.schools[3].id,
      joiningDate: '2025-01-11',
    });
    await sql(app, `delete from training_periods where training_record_id = ? and school_id = ?`, [left.ectTrainingRecordId, w.schools[3].id]);
    expect(violations(await call(app, 'assignEcfMentor', { ectParticipantId: left.id, mentorParticipantId: mentorOnly.id }))).toEqual([
      { field: 'ectParticipantId', message: 'The ECT left their school on 2025-01-10; record their new school first' },
    ]);
  });
});

describe('recordEcfSchoolMove', () => {
  it('across providers: P sees leaving then left, Q joining then active; both rows move, no other row does', async () => {
    const ect = await register(app, { schoolId: w.schools[0].id });
    const bystander = await register(app, { schoolId: w.schools[0].id });
    await pinUpdatedAt(app, [ect.id, bystander.id]);
    const [leave, join] = [dayFromToday(5), dayFromToday(6)];
    await ok(app, 'recordEcfSchoolMove', { participantId: ect.id, participantType: 'ect', leavingDate: leave, schoolId: w.schools[2].id, joiningDate: join });

    expect((await enrolments(w.P.token, ect.id))[0]).toMatchObject({ participant_status: 'leaving', school_urn: w.schools[0].urn });
    expect((await enrolments(w.Q.token, ect.id))[0]).toMatchObject({
      participant_status: 'joining',
      school_urn: w.schools[2].urn,
      training_record_id: ect.ectTrainingRecordId,
      training_status: 'active',
      mentor_id: null,
    });
    expect([await moved(w.P.token, ect.id), await moved(w.Q.token, ect.id), await moved(w.P.token, bystander.id)]).toEqual([true, true, false]);

    const after = { 'X-With-Server-Date': `${dayFromToday(7)}T00:00:00Z` };
    expect((await restShow(app, w.P.token, ect.id, after)).attributes.ecf_enrolments[0].participant_status).toBe('left');
    expect((await restShow(app, w.Q.token, ect.id, after)).attributes.ecf_enrolments[0].participant_status).toBe('active');
    const [transfer] = await sql(app, 'select school_transfer from training_periods where training_record_id = ? and school_id = ?', [
      ect.ectTrainingRecordId,
      w.schools[2].id,
    ]);
    expect(transfer.school_transfer).toBe(true);
  });

  it('within one provider: one row moves, showing the new school', async () => {
    const ect = await register(app, { schoolId: w.schools[0].id });
    await pinUpdatedAt(app, [ect.id]);
    await ok(app, 'recordEcfSchoolMove', {
      participantId: ect.id,
      participantType: 'ect',
      leavingDate: '2025-03-31',
      schoolId: w.schools[1].id,
      joiningDate: '2025-04-01',
    });
    expect((await enrolments(w.P.token, ect.id))[0]).toMatchObject({ school_urn: w.schools[1].urn, participant_status: 'active' });
    expect(await moved(w.P.token, ect.id)).toBe(true);
    expect(await restShow(app, w.Q.token, ect.id)).toBeNull();
  });

  it('validation', async () => {
    const ect = await register(app, { schoolId: w.schools[0].id });
    expect(
      violations(
        await call(app, 'recordEcfSchoolMove', {
          participantId: ect.id,
          participantType: 'ect',
          leavingDate: '2024-01-01',
          schoolId: w.schools[0].id,
          joiningDate: '2023-12-31',
        }),
      ),
    ).toEqual([
      { field: 'leavingDate', message: 'The leaving date must not be before the participant started at their current school (2024-09-02)' },
      { field: 'schoolId', message: 'The participant already trains at this school' },
      { field: 'joiningDate', message: 'The joining date must not be before the leaving date' },
    ]);
    expect(
      violations(
        await call(app, 'recordEcfSchoolMove', {
          participantId: ect.id,
          participantType: 'mentor',
          leavingDate: '2025-01-01',
          schoolId: 'x',
          joiningDate: '2025-01-01',
        }),
      ),
    ).toEqual([
      { field: 'participantId', message: 'The participant has no mentor training record' },
      { field: 'schoolId', message: 'The school could not be found' },
    ]);
  });
});

describe('changeEcfFundingEligibility', () => {
  it('moves every provider that sees the record (the old one showing left too), only when what they see changes', async () => {
    const ect = await register(app, { schoolId: w.schools[0].id });
    const bystander = await register(app, { schoolId: w.schools[0].id });
    await ok(app, 'recordEcfSchoolMove', {
      participantId: ect.id,
      participantType: 'ect',
      leavingDate: '2025-01-31',
      schoolId: w.schools[2].id,
      joiningDate: '2025-02-01',
    });

    await pinUpdatedAt(app, [ect.id, bystander.id]);
    await ok(app, 'changeEcfFundingEligibility', { participantId: ect.id, participantType: 'ect', status: 'ineligible', reason: 'previous_induction' });
    for (const token of [w.P.token, w.Q.token]) {
      expect((await enrolments(token, ect.id))[0]).toMatchObject({ eligible_for_funding: false, teacher_reference_number_validated: true });
      expect(await moved(token, ect.id)).toBe(true);
    }
    expect(await moved(w.P.token, bystander.id)).toBe(false);

    // manual_check and matched look the same to providers (eligible_for_funding null, TRN validated): no move.
    await ok(app, 'changeEcfFundingEligibility', { participantId: ect.id, participantType: 'ect', status: 'manual_check', reason: 'active_flags' });
    await pinUpdatedAt(app, [ect.id]);
    await ok(app, 'changeEcfFundingEligibility', { participantId: ect.id, participantType: 'ect', status: 'matched', reason: 'no_induction' });
    expect((await enrolments(w.Q.token, ect.id))[0]).toMatchObject({ eligible_for_funding: null, teacher_reference_number_validated: true });
    expect([await moved(w.P.token, ect.id), await moved(w.Q.token, ect.id)]).toEqual([false, false]);

    // different_trn: the TRN is shown as not validated.
    await ok(app, 'changeEcfFundingEligibility', { participantId: ect.id, participantType: 'ect', status: 'manual_check', reason: 'different_trn' });
    expect((await enrolments(w.Q.token, ect.id))[0].teacher_reference_number_validated).toBe(false);
    expect(await moved(w.Q.token, ect.id)).toBe(true);
  });

  it('validation', async () => {
    const ect = await register(app, { schoolId: w.schools[0].id });
    expect(
      violations(await call(app, 'changeEcfFundingEligibility', { participantId: ect.id, participantType: 'ect', status: 'eligible', reason: 'no_qts' })),
    ).toEqual([{ field: 'reason', message: "An eligible participant's reason must be none" }]);
    expect(
      violations(await call(app, 'changeEcfFundingEligibility', { participantId: randomUUID(), participantType: 'ect', status: 'ineligible', reason: 'none' })),
    ).toEqual([
      { field: 'participantId', message: 'The participant could not be found' },
      { field: 'reason', message: 'Give the reason the participant is ineligible' },
    ]);
  });
});

describe('completeEcfTraining', () => {
  it('completes an ECT’s induction: induction_end_date shown, still active, the row moves', async () => {
    const ect = await register(app, { schoolId: w.schools[0].id, inductionStartDate: '2024-09-02' });
    const bystander = await register(app, { schoolId: w.schools[0].id });
    await pinUpdatedAt(app, [ect.id, bystander.id]);
    await ok(app, 'completeEcfTraining', { participantId: ect.id, participantType: 'ect', completionDate: '2025-07-20' });
    expect((await enrolments(w.P.token, ect.id))[0]).toMatchObject({ induction_end_date: '2025-07-20', participant_status: 'active' });
    expect([await moved(w.P.token, ect.id), await moved(w.P.token, bystander.id)]).toEqual([true, false]);
    expect(violations(await call(app, 'completeEcfTraining', { participantId: ect.id, participantType: 'ect', completionDate: '2025-07-21' }))).toEqual([
      { field: 'participantId', message: 'The participant completed induction on 2025-07-20' },
    ]);
  });

  it('ends a mentor’s funded training with its reason', async () => {
    const mentor = await register(app, { schoolId: w.schools[2].id, participantType: 'mentor' });
    await pinUpdatedAt(app, [mentor.id]);
    await ok(app, 'completeEcfTraining', {
      participantId: mentor.id,
      participantType: 'mentor',
      completionDate: '2025-06-30',
      mentorFundingEndReason: 'completed_declaration_received',
    });
    expect((await enrolments(w.Q.token, mentor.id))[0]).toMatchObject({
      mentor_funding_end_date: '2025-06-30',
      mentor_ineligible_for_funding_reason: 'completed_declaration_received',
    });
    expect(await moved(w.Q.token, mentor.id)).toBe(true);
  });

  it('validation', async () => {
    const ect = await register(app, { schoolId: w.schools[0].id, inductionStartDate: '2024-09-02' });
    expect(
      violations(
        await call(app, 'completeEcfTraining', {
          participantId: ect.id,
          participantType: 'ect',
          completionDate: '2024-09-01',
          mentorFundingEndReason: 'started_not_completed',
        }),
      ),
    ).toEqual([
      { field: 'completionDate', message: 'The completion date must not be before the induction start date (2024-09-02)' },
      { field: 'mentorFundingEndReason', message: 'Only mentors have a mentor funding end reason' },
    ]);
    const mentor = await register(app, { schoolId: w.schools[0].id, participantType: 'mentor' });
    expect(
      violations(await call(app, 'completeEcfTraining', { participantId: mentor.id, participantType: 'mentor', completionDate: dayFromToday(2) })),
    ).toEqual([
      { field: 'completionDate', message: 'The completion date must not be in the future' },
      { field: 'mentorFundingEndReason', message: "Give the reason the mentor's funding ended" },
    ]);
  });
});

describe('mergeEcfParticipants', () => {
  it('the survivor takes the records and the retired id; reads and actions by the retired id find it; the right rows move', async () => {
    const dup = await register(app, { schoolId: w.schools[0].id, participantType: 'mentor', fullName: 'Duplicate Mentor' }); // P
    const survivor = await register(app, { schoolId: w.schools[2].id, fullName: 'Surviving Teacher' }); // Q, ECT
    const mentee = await register(app, { schoolId: w.schools[1].id }); // P, mentored by the duplicate
    await ok(app, 'assignEcfMentor', { ectParticipantId: mentee.id, mentorParticipantId: dup.id });
    const bystander = await register(app, { schoolId: w.schools[0].id });
    await pinUpdatedAt(app, [dup.id, survivor.id, mentee.id, bystander.id]);

    const merged = await ok(app, 'mergeEcfParticipants', { fromParticipantId: dup.id, toParticipantId: survivor.id });
    expect(merged).toMatchObject({
      id: survivor.id,
      fullName: 'Surviving Teacher',
      ectTrainingRecordId: survivor.ectTrainingRecordId,
      mentorTrainingRecordId: dup.mentorTrainingRecordId,
      retiredParticipantIds: [dup.id],
    });

    // P: the retired id finds the survivor, with the mentor enrolment and the id change; the list has the survivor only.
    const byRetired = await restShow(app, w.P.token, dup.id);
    expect(byRetired.id).toBe(survivor.id);
    expect(byRetired.attributes.ecf_enrolments.map((e: any) => [e.participant_type, e.training_record_id])).toEqual([['mentor', dup.mentorTrainingRecordId]]);
    expect(byRetired.attributes.participant_id_changes).toEqual([
      { from_participant_id: dup.id, to_participant_id: survivor.id, changed_at: expect.any(String) },
    ]);
    expect(byRetired.attributes.updated_at).not.toBe(PINNED);
    const pIds = await restIds(app, w.P.token);
    expect(pIds).toContain(survivor.id);
    expect(pIds).not.toContain(dup.id);
    const fromFilter = await app.request('GET', `/api/v3/participants/ecf?filter%5Bfrom_participant_id%5D=${dup.id}`, { token: w.P.token });
    expect(fromFilter.body.data.map((d: any) => d.id)).toEqual([survivor.id]);

    // Q saw the survivor already: its participant_id_changes changed, so it moves too.
    const q = await restShow(app, w.Q.token, survivor.id);
    expect(q.attributes.participant_id_changes).toHaveLength(1);
    expect(q.attributes.ecf_enrolments.map((e: any) => e.participant_type)).toEqual(['ect']);
    expect(await moved(w.Q.token, survivor.id)).toBe(true);

    // The mentee's mentor_id is now the survivor's id; the bystander did not move.
    expect((await enrolments(w.P.token, mentee.id))[0].mentor_id).toBe(survivor.id);
    expect([await moved(w.P.token, mentee.id), await moved(w.P.token, bystander.id)]).toEqual([true, false]);

    // Actions by the retired id act on the survivor.
    const acted = await ok(app, 'changeEcfFundingEligibility', {
      participantId: dup.id,
      participantType: 'mentor',
      status: 'ineligible',
      reason: 'previous_participation',
    });
    expect(acted.id).toBe(survivor.id);
    expect((await enrolments(w.P.token, survivor.id))[0].eligible_for_funding).toBe(false);
    expect(await sql(app, 'select count(*)::int as n from participants where id = ?', [dup.id])).toEqual([{ n: 0 }]);
  });

  it('a later merge carries the earlier retired ids along', async () => {
    const a = await register(app, { schoolId: w.schools[0].id });
    const b = await register(app, { schoolId: w.schools[1].id, participantType: 'mentor' });
    const c = await register(app, { schoolId: w.schools[2].id, participantType: 'mentor' });
    await ok(app, 'mergeEcfParticipants', { fromParticipantId: b.id, toParticipantId: a.id });
    // c (a mentor) cannot take a's mentor record (b is retired: it finds a).
    expect(violations(await call(app, 'mergeEcfParticipants', { fromParticipantId: c.id, toParticipantId: b.id }))).toEqual([
      { field: 'fromParticipantId', message: 'Both participants have a mentor training record; it cannot be merged' },
    ]);
    // A participant with no training record yet (the API always creates one, so by SQL) takes over a and its retired b.
    const d = { id: randomUUID() };
    await sql(app, `insert into participants (id, trn, full_name, email, created_at, updated_at) values (?, null, 'Empty', null, now(), now())`, [d.id]);
    const merged = await ok(app, 'mergeEcfParticipants', { fromParticipantId: a.id, toParticipantId: d.id });
    expect(merged.retiredParticipantIds.sort()).toEqual([a.id, b.id].sort());
    expect((await restShow(app, w.P.token, b.id)).id).toBe(d.id);
  });

  it('validation', async () => {
    const a = await register(app, { schoolId: w.schools[0].id });
    const b = await register(app, { schoolId: w.schools[0].id });
    expect(violations(await call(app, 'mergeEcfParticipants', { fromParticipantId: a.id, toParticipantId: a.id }))).toEqual([
      { field: 'toParticipantId', message: 'These are already the same participant' },
    ]);
    expect(violations(await call(app, 'mergeEcfParticipants', { fromParticipantId: a.id, toParticipantId: b.id }))).toEqual([
      { field: 'fromParticipantId', message: 'Both participants have an ECT training record; it cannot be merged' },
    ]);
    expect(violations(await call(app, 'mergeEcfParticipants', { fromParticipantId: randomUUID(), toParticipantId: 'x' }))).toEqual([
      { field: 'fromParticipantId', message: 'The participant could not be found' },
      { field: 'toParticipantId', message: 'The participant could not be found' },
    ]);
  });
});

describe('magic dates of birth are sandbox rules', () => {
  it('apply outside production only (the request context says which)', () => {
    expect(eligibilityFromDateOfBirth('ect', 2024, '1900-01-24', true)).toEqual({ status: 'eligible', reason: 'none' });
    expect(eligibilityFromDateOfBirth('ect', 2026, '1900-01-26', true)).toEqual({ status: 'eligible', reason: 'none' });
    expect(eligibilityFromDateOfBirth('mentor', 2021, '1900-01-01', true)).toEqual({ status: 'eligible', reason: 'none' });
    expect(eligibilityFromDateOfBirth('ect', 2021, '1900-01-21', true)).toBeNull();
    expect(eligibilityFromDateOfBirth('ect', 2024, '1900-01-24', false)).toBeNull();
    expect(eligibilityFromDateOfBirth('mentor', 2024, '1900-01-01', false)).toBeNull();
  });

  it('a production app does not apply them', async () => {
    const prod = await startTestApp({ env: { APP_ENV: 'production', TOKEN_PEPPER: 'a-production-pepper-of-forty-characters!' } });
    try {
      const school = await createSchool(prod);
      const r = await register(prod, { schoolId: school.id, dateOfBirth: '1900-01-24' });
      expect(await sql(prod, 'select funding_eligibility from training_records where id = ?', [r.ectTrainingRecordId])).toEqual([
        { funding_eligibility: null },
      ]);
    } finally {
      await prod.close();
    }
  });
});
