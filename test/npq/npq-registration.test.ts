import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { REGISTRATION_MESSAGES as R } from '../../src/domain/npq/npq-registration.service.js';
import { APPLICATION_FIELDS, createApplication, gql, SHOW, sql, violations } from './npq-fixtures.js';
import { insertNpqDeclaration } from '../declarations/npq-declaration-fixtures.js';

// Issue 7 item 6: the registration service's admin operations — submit an application for a person, change its
// eligibility and funding answers, move it to another provider — with admin auth, rules and updated_at (npq.md §9.6).

const FIELDS = `${APPLICATION_FIELDS} fullName email recordedEligibleForFunding leadMentor fundingChoice`;
const SUBMIT = `mutation($input: SubmitNpqApplicationInput!) { submitNpqApplication(input: $input) { ${FIELDS} } }`;
const CHANGE = `mutation($id: ID!, $input: ChangeNpqEligibilityInput!) { changeNpqApplicationEligibility(id: $id, input: $input) { ${FIELDS} } }`;
const MOVE = `mutation($id: ID!, $lp: ID!) { moveNpqApplication(id: $id, leadProviderId: $lp) { ${FIELDS} } }`;

let app: TestApp;
let admin: string;
let ambitionId: string;
let uclId: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = app.tokens.admin.token;
  ambitionId = app.leadProviderId('Ambition Institute');
  uclId = app.leadProviderId('UCL Institute of Education');
});
afterAll(async () => app.close());

const ok = (res: { data?: any; errors?: unknown }, field: string) => {
  expect(res.errors).toBeUndefined();
  return res.data[field];
};
const submit = (input: Record<string, unknown>, token = admin) => gql(app, token, SUBMIT, { input });
const email = () => `${randomUUID()}@school.example`;
const show = async (id: string, provider = 'Ambition Institute') =>
  (await gql(app, app.token(provider, 'npq'), SHOW, { id })).data?.npqApplication as Record<string, unknown> | null;

describe('submitNpqApplication', () => {
  it('creates the person and a pending application with no schedule; the provider sees it', async () => {
    const address = email();
    const a = ok(
      await submit({
        fullName: 'New Person',
        email: address,
        trn: '3000001',
        leadProviderId: ambitionId,
        courseIdentifier: 'npq-headship',
        cohort: '2025a',
        eligibleForFunding: true,
        fundingEligibilityStatusCode: 'funded',
        employmentType: 'lead_mentor_for_accredited_itt_provider',
        teacherCatchment: 'england',
        sencoStartDate: '2024-09-01',
      }),
      'submitNpqApplication',
    );
    expect(a).toMatchObject({
      status: 'pending',
      scheduleIdentifier: null,
      fundedPlace: null,
      cohort: 2025,
      cohortSuffix: 'a',
      fullName: 'New Person',
      email: address,
      recordedEligibleForFunding: true,
      leadMentor: true,
      trainingStatus: null,
    });
    expect(await show(a.id)).toMatchObject({ id: a.id, status: 'pending' });
    expect(await show(a.id, 'UCL Institute of Education')).toBeNull();
    const [row] = await sql(
      app,
      'select cohort_start_year, trn, trn_verified from npq_applications a join npq_participants p on p.id = a.participant_id where a.id = ?',
      [a.id],
    );
    expect(row).toEqual({ cohort_start_year: 2025, trn: '3000001', trn_verified: false });
  });

  it('funded_place starts false in an unfunded cohort, null otherwise', async () => {
    const zero = ok(
      await submit({ fullName: 'Z', email: email(), leadProviderId: ambitionId, courseIdentifier: 'npq-senco', cohort: '2026a' }),
      'submitNpqApplication',
    );
    expect(zero.fundedPlace).toBe(false);
    const none = ok(await submit({ fullName: 'N', email: email(), leadProviderId: ambitionId, courseIdentifier: 'npq-senco' }), 'submitNpqApplication');
    expect(none).toMatchObject({ fundedPlace: null, cohort: null });
  });

  it('finds an existing person by email (case-insensitive) or id, and then moves every provider’s participant row', async () => {
    const first = await createApplication(app, { status: 'accepted', cohort: '2023a', provider: 'UCL Institute of Education' });
    const [{ email: address }] = await sql(app, 'select email from npq_participants where id = ?', [first.person]);
    const before = new Date(
      (await sql(app, 'select updated_at from npq_participant_listings where participant_id = ?', [first.person]))[0].updated_at as string,
    );
    const byEmail = ok(
      await submit({ email: String(address).toUpperCase(), leadProviderId: ambitionId, courseIdentifier: 'npq-senco', cohort: '2024a' }),
      'submitNpqApplication',
    );
    expect(byEmail.participantId).toBe(first.person);
    const byId = ok(
      await submit({ participantId: first.person, leadProviderId: ambitionId, courseIdentifier: 'npq-leading-literacy' }),
      'submitNpqApplication',
    );
    expect(byId.participantId).toBe(first.person);
    const listings = await sql(app, 'select lead_provider_id, updated_at from npq_participant_listings where participant_id = ?', [first.person]);
    expect(listings).toHaveLength(2);
    for (const l of listings) expect(new Date(l.updated_at as string).getTime()).toBeGreaterThan(before.getTime());
    expect(
      (await gql(app, admin, SUBMIT, { input: { participantId: randomUUID(), leadProviderId: ambitionId, courseIdentifier: 'npq-senco' } })).errors?.[0]
        ?.extensions?.code,
    ).toBe('NOT_FOUND');
  });

  it('reports every broken rule together and writes nothing', async () => {
    const address = email();
    expect(
      violations(
        await submit({
          email: address,
          leadProviderId: app.leadProviderId('Capita'),
          courseIdentifier: 'ecf-induction',
          cohort: '2019z',
          fundingChoice: 'lottery',
          headteacherStatus: 'maybe',
          sencoInRole: 'yes please',
        }),
      ),
    ).toEqual([
      { field: 'fullName', message: R.fullNameRequired },
      { field: 'courseIdentifier', message: R.courseUnknown },
      { field: 'leadProviderId', message: R.providerNotNpq },
      { field: 'cohort', message: R.cohortUnknown },
      { field: 'fundingChoice', message: R.notOneOf(['school', 'trust', 'self', 'another', 'employer']) },
      { field: 'headteacherStatus', message: expect.stringMatching(/^Must be one of: no, /) },
      { field: 'sencoInRole', message: expect.stringMatching(/^Must be one of: yes, /) },
    ]);
    expect(violations(await submit({ leadProviderId: ambitionId, courseIdentifier: 'npq-senco' }))).toEqual([
      { field: 'participantId', message: R.personRequired },
    ]);
    expect(await sql(app, 'select id from npq_participants where email = ?', [address])).toEqual([]);
  });

  it('needs an admin token', async () => {
    const res = await submit(
      { fullName: 'X', email: email(), leadProviderId: ambitionId, courseIdentifier: 'npq-senco' },
      app.token('Ambition Institute', 'npq'),
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const [query, variables] of [
      [CHANGE, { id: randomUUID(), input: {} }],
      [MOVE, { id: randomUUID(), lp: uclId }],
    ] as const) {
      expect((await gql(app, app.token('Ambition Institute', 'npq'), query, variables)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('changeNpqApplicationEligibility', () => {
  it('changes the answers; the application and the person’s applications for the course move, others do not', async () => {
    const mine = await createApplication(app, { cohort: '2024a', eligible: false });
    const sameCourse = await createApplication(app, { cohort: '2023a', person: mine.person, provider: 'UCL Institute of Education' });
    const otherCourse = await createApplication(app, { cohort: '2023a', person: mine.person, provider: 'UCL Institute of Education', course: 'npq-senco' });
    const otherBefore = (await show(otherCourse.id, 'UCL Institute of Education'))!.updatedAt;
    const a = ok(
      await gql(app, admin, CHANGE, {
        id: mine.id,
        input: { eligibleForFunding: true, fundingChoice: 'trust', fundingEligibilityStatusCode: 'marked_funded_by_policy' },
      }),
      'changeNpqApplicationEligibility',
    );
    expect(a).toMatchObject({ recordedEligibleForFunding: true, eligibleForFunding: true, fundingChoice: 'trust', ineligibleForFundingReason: null });
    expect((await show(sameCourse.id, 'UCL Institute of Education'))!.updatedAt).toBe(a.updatedAt);
    expect((await show(otherCourse.id, 'UCL Institute of Education'))!.updatedAt).toBe(otherBefore);
  });

  it('keeps the funding-mode invariants of funded_place', async () => {
    const capped = await createApplication(app, { cohort: '2025a', status: 'accepted', eligible: true });
    expect(violations(await gql(app, admin, CHANGE, { id: capped.id, input: { eligibleForFunding: false } }))).toEqual([
      { field: 'fundedPlace', message: R.fundedPlaceNeedsEligibility },
    ]);
    expect(violations(await gql(app, admin, CHANGE, { id: capped.id, input: { fundedPlace: null } }))).toEqual([
      { field: 'fundedPlace', message: R.fundedPlaceCapped },
    ]);
    expect(
      ok(await gql(app, admin, CHANGE, { id: capped.id, input: { eligibleForFunding: false, fundedPlace: false } }), 'changeNpqApplicationEligibility'),
    ).toMatchObject({
      fundedPlace: false,
      recordedEligibleForFunding: false,
    });
    const zero = await createApplication(app, { cohort: '2026a' });
    expect(violations(await gql(app, admin, CHANGE, { id: zero.id, input: { fundedPlace: true } }))).toEqual([
      { field: 'fundedPlace', message: R.fundedPlaceZero },
    ]);
    const full = await createApplication(app, { cohort: '2023a', status: 'accepted' });
    expect(violations(await gql(app, admin, CHANGE, { id: full.id, input: { fundedPlace: false } }))).toEqual([
      { field: 'fundedPlace', message: R.fundedPlaceFull },
    ]);
    expect(violations(await gql(app, admin, CHANGE, { id: full.id, input: { fundingEligibilityStatusCode: 'rich' } }))[0].field).toBe(
      'fundingEligibilityStatusCode',
    );
    expect((await gql(app, admin, CHANGE, { id: randomUUID(), input: {} })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('moveNpqApplication', () => {
  it('moves a pending application: the old provider no longer sees it, the new one does with a new updated_at', async () => {
    const a = await createApplication(app, { cohort: '2023a' });
    const before = (await show(a.id))!.updatedAt as string;
    const moved = ok(await gql(app, admin, MOVE, { id: a.id, lp: uclId }), 'moveNpqApplication');
    expect(await show(a.id)).toBeNull();
    expect(await show(a.id, 'UCL Institute of Education')).toMatchObject({ id: a.id, updatedAt: moved.updatedAt });
    expect(moved.updatedAt >= before).toBe(true);
    const listings = await sql(app, 'select lead_provider_id, visible from npq_participant_listings where participant_id = ? order by lead_provider_id = ?', [
      a.person,
      uclId,
    ]);
    expect(listings).toEqual([
      { lead_provider_id: ambitionId, visible: false },
      { lead_provider_id: uclId, visible: false },
    ]);
  });

  it('moves an accepted application: the person becomes the new provider’s participant and leaves the old one’s list; both rows move', async () => {
    const a = await createApplication(app, { cohort: '2023a', status: 'accepted' });
    await insertNpqDeclaration(app, a.id, { type: 'completed' });
    await gql(
      app,
      app.token('Ambition Institute', 'npq'),
      'mutation($p: ID!) { createNpqOutcome(participantId: $p, input: { courseIdentifier: "npq-headship", state: "passed", completionDate: "2025-01-01" }) { id } }',
      {
        p: a.person,
      },
    );
    const moved = ok(await gql(app, admin, MOVE, { id: a.id, lp: uclId }), 'moveNpqApplication');
    const listings = await sql(
      app,
      'select lead_provider_id, visible, updated_at from npq_participant_listings where participant_id = ? order by lead_provider_id = ?',
      [a.person, uclId],
    );
    expect(listings.map((l) => [l.lead_provider_id, l.visible])).toEqual([
      [ambitionId, false],
      [uclId, true],
    ]);
    for (const l of listings) expect(new Date(l.updated_at as string).toISOString().slice(0, 19)).toBe(String(moved.updatedAt).slice(0, 19));
    // The outcome keeps the provider that submitted it.
    expect(await sql(app, 'select lead_provider_id from npq_outcomes where participant_id = ?', [a.person])).toEqual([{ lead_provider_id: ambitionId }]);
  });

  it('refuses the same provider or a provider outside NPQ; unknown id is NOT_FOUND', async () => {
    const a = await createApplication(app, { cohort: '2023a' });
    expect(violations(await gql(app, admin, MOVE, { id: a.id, lp: ambitionId }))).toEqual([{ field: 'leadProviderId', message: R.sameProvider }]);
    expect(violations(await gql(app, admin, MOVE, { id: a.id, lp: app.leadProviderId('Capita') }))).toEqual([
      { field: 'leadProviderId', message: R.providerNotNpq },
    ]);
    expect((await gql(app, admin, MOVE, { id: randomUUID(), lp: uclId })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await show(a.id)).toMatchObject({ id: a.id });
  });
});
