import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { challenge, insertPartnership } from '../partnerships/fixtures.js';
import { addParticipants, createWorld, listParticipants, reprojectParticipants, showParticipant, type World } from './fixtures.js';

// ecf.md §1.4 "Latest induction record for LP", hard part 1: the provider sees, per training record, its latest
// period among its unchallenged partnerships (open first, then latest start); nothing of other providers'.

let app: TestApp;
let w: World;
const PAST = '2024-09-02T08:00:00Z';

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
});
afterAll(async () => app.close());

const idsOf = async (token: string) => (await listParticipants(app, token, { page: { page: 1, perPage: 1000 } })).items.map((p) => p.id as string);

describe('visibility of ECF participants', () => {
  it('a participant training in the provider’s partnership is listed and shown to that provider only', async () => {
    const [a] = await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: PAST }] }] }]);
    expect(await idsOf(w.P.token)).toContain(a.id);
    expect(await idsOf(w.Q.token)).not.toContain(a.id);
    expect((await showParticipant(app, w.P.token, a.id)).id).toBe(a.id);
  });

  it("another provider's participant id is not found (null), never shown", async () => {
    const [q] = await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: w.qA, start: PAST }] }] }]);
    expect(await showParticipant(app, w.P.token, q.id)).toBeNull();
    expect(await showParticipant(app, w.P.token, randomUUID())).toBeNull();
    expect(await showParticipant(app, w.P.token, 'not-a-uuid')).toBeNull();
  });

  it('the enrolment shows the period of the provider’s partnership: school, cohort, schedule, delivery partner', async () => {
    const [a] = await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: w.pB, start: PAST }] }] }]);
    const p = await showParticipant(app, w.P.token, a.id);
    expect(p.ecfEnrolments).toEqual([
      expect.objectContaining({
        trainingRecordId: a.ect,
        schoolUrn: w.schools[1].urn,
        participantType: 'ect',
        cohort: 2024,
        scheduleIdentifier: 'ecf-standard-september',
        deliveryPartnerId: w.dp,
        trainingStatus: 'active',
        participantStatus: 'active',
        eligibleForFunding: true,
        teacherReferenceNumberValidated: true,
      }),
    ]);
  });

  it('a participant in a partnership the school challenged disappears from the provider’s list', async () => {
    const school = w.schools[3].id;
    const pc = await insertPartnership(app, { schoolId: school, leadProviderId: w.P.id, deliveryPartnerId: w.dp, cohort: 2025 });
    const [a] = await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: pc, start: PAST }] }] }]);
    expect(await idsOf(w.P.token)).toContain(a.id);
    await challenge(app, pc);
    await reprojectParticipants(app, [pc]);
    expect(await idsOf(w.P.token)).not.toContain(a.id);
    expect(await showParticipant(app, w.P.token, a.id)).toBeNull();
  });

  it('with a challenged later period, the provider sees its latest unchallenged one', async () => {
    const pc = await insertPartnership(app, { schoolId: w.schools[3].id, leadProviderId: w.P.id, deliveryPartnerId: w.dp2, cohort: 2024, challenged: true });
    const [a] = await addParticipants(app, [
      {
        records: [
          {
            type: 'ect',
            periods: [
              { partnershipId: w.pA, start: '2024-09-02T08:00:00Z', end: '2025-01-10T00:00:00Z' },
              { partnershipId: pc, start: '2025-01-11T00:00:00Z', schoolTransfer: true },
            ],
          },
        ],
      },
    ]);
    const [e] = (await showParticipant(app, w.P.token, a.id)).ecfEnrolments;
    expect(e).toMatchObject({ schoolUrn: w.schools[0].urn, participantStatus: 'left', deliveryPartnerId: w.dp });
  });

  it('a move between two of the provider’s schools shows the open period at the new school', async () => {
    const [a] = await addParticipants(app, [
      {
        records: [
          {
            type: 'ect',
            periods: [
              { partnershipId: w.pA, start: '2024-09-02T08:00:00Z', end: '2025-03-01T00:00:00Z' },
              { partnershipId: w.pB, start: '2025-03-02T00:00:00Z', schoolTransfer: true },
            ],
          },
        ],
      },
    ]);
    const [e] = (await showParticipant(app, w.P.token, a.id)).ecfEnrolments;
    expect(e).toMatchObject({ schoolUrn: w.schools[1].urn, participantStatus: 'active' });
  });

  it('a move to another provider: the old provider keeps seeing the participant as left, the new one as active', async () => {
    const [a] = await addParticipants(app, [
      {
        records: [
          {
            type: 'ect',
            periods: [
              { partnershipId: w.pA, start: '2024-09-02T08:00:00Z', end: '2025-03-01T00:00:00Z' },
              { partnershipId: w.qA, start: '2025-03-02T00:00:00Z', schoolTransfer: true },
            ],
          },
        ],
      },
    ]);
    expect((await showParticipant(app, w.P.token, a.id)).ecfEnrolments[0]).toMatchObject({ schoolUrn: w.schools[0].urn, participantStatus: 'left' });
    expect((await showParticipant(app, w.Q.token, a.id)).ecfEnrolments[0]).toMatchObject({ schoolUrn: w.schools[2].urn, participantStatus: 'active' });
  });

  it('an ECT who is also a mentor with the provider is one participant with two enrolments, the ECT one first', async () => {
    const [a] = await addParticipants(app, [
      {
        records: [
          { type: 'mentor', periods: [{ partnershipId: w.pA, start: '2025-02-01T00:00:00Z' }] },
          { type: 'ect', periods: [{ partnershipId: w.pA, start: PAST, inductionStatus: 'completed' }] },
        ],
      },
    ]);
    const p = await showParticipant(app, w.P.token, a.id);
    expect(p.ecfEnrolments.map((e: { participantType: string; trainingRecordId: string }) => [e.participantType, e.trainingRecordId])).toEqual([
      ['ect', a.ect],
      ['mentor', a.mentor],
    ]);
    expect((await idsOf(w.P.token)).filter((id) => id === a.id)).toHaveLength(1);
  });

  it('an ECT’s mentorId is the mentor’s participant id', async () => {
    const [m] = await addParticipants(app, [{ records: [{ type: 'mentor', periods: [{ partnershipId: w.pB, start: PAST }] }] }]);
    const [e] = await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: w.pB, start: PAST, mentorRecordId: m.mentor }] }] }]);
    expect((await showParticipant(app, w.P.token, e.id)).ecfEnrolments[0].mentorId).toBe(m.id);
    expect((await showParticipant(app, w.P.token, m.id)).ecfEnrolments[0].mentorId).toBeNull();
  });

  it('a withdrawal shows its reason and date only to the provider that recorded it', async () => {
    const [a] = await addParticipants(app, [
      {
        records: [
          {
            type: 'ect',
            periods: [
              {
                partnershipId: w.pA,
                start: PAST,
                trainingStatus: 'withdrawn',
                reason: 'moved-school',
                changedAt: '2025-01-05T10:00:00Z',
                byLeadProviderId: w.P.id,
              },
            ],
          },
        ],
      },
      { records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: PAST, trainingStatus: 'deferred', reason: 'other', byLeadProviderId: w.Q.id }] }] },
    ]);
    const [e] = (await showParticipant(app, w.P.token, a.id)).ecfEnrolments;
    expect(e).toMatchObject({ trainingStatus: 'withdrawn', withdrawal: { reason: 'moved-school', date: '2025-01-05T10:00:00Z' }, deferral: null });
  });

  it('a deferral recorded by someone else shows the status without the deferral block', async () => {
    const [a] = await addParticipants(app, [
      { records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: PAST, trainingStatus: 'deferred', reason: 'other', byLeadProviderId: w.Q.id }] }] },
    ]);
    expect((await showParticipant(app, w.P.token, a.id)).ecfEnrolments[0]).toMatchObject({ trainingStatus: 'deferred', deferral: null, withdrawal: null });
  });

  it('a retired participant id is published in participantIdChanges and finds its successor', async () => {
    const retired = randomUUID();
    const [a] = await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: PAST }] }], retiredIds: [retired] }]);
    const shown = await showParticipant(app, w.P.token, retired);
    expect(shown.id).toBe(a.id);
    expect(shown.participantIdChanges).toEqual([{ fromParticipantId: retired, toParticipantId: a.id, changedAt: expect.any(String) }]);
    expect(await showParticipant(app, w.Q.token, retired)).toBeNull();
  });

  it('TRN validated is null without a TRN and false after a different-TRN check; eligibility is three-state', async () => {
    const [noTrn, differentTrn, undecided] = await addParticipants(app, [
      { trn: null, records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: PAST }] }] },
      {
        records: [
          { type: 'ect', fundingEligibility: 'ineligible', fundingEligibilityReason: 'different_trn', periods: [{ partnershipId: w.pA, start: PAST }] },
        ],
      },
      { records: [{ type: 'mentor', fundingEligibility: 'manual_check', periods: [{ partnershipId: w.pA, start: PAST }] }] },
    ]);
    expect((await showParticipant(app, w.P.token, noTrn.id)).ecfEnrolments[0]).toMatchObject({
      teacherReferenceNumberValidated: null,
      eligibleForFunding: true,
    });
    expect((await showParticipant(app, w.P.token, differentTrn.id)).ecfEnrolments[0]).toMatchObject({
      teacherReferenceNumberValidated: false,
      eligibleForFunding: false,
    });
    expect((await showParticipant(app, w.P.token, undecided.id)).ecfEnrolments[0]).toMatchObject({
      teacherReferenceNumberValidated: true,
      eligibleForFunding: null,
    });
  });
});
