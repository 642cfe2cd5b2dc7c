import { NPQ_DECLARATION_MESSAGES as M } from '../../src/domain/declarations/npq/npq-declaration.messages.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createApplication, createPerson, sql } from '../npq/npq-fixtures.js';
import {
  AMBITION,
  UCL,
  clockAt,
  declarationRow,
  declarer,
  deliveryPartnersOf,
  openStatementsFrom,
  otherDeliveryPartner,
  refused,
  removeNpqStatements,
  stateHistory,
  withdrawnAt,
} from './npq-declaration-fixtures.js';

// npq.md §5.3–5.5 and §5.7 at the domain level (real PostgreSQL): one test per rule and message, in the
// original's order, and the state a declaration is created in.

const NOW = '2025-11-15T12:00:00Z';
let app: TestApp;
let dp: string;
let dp2: string;
let now = NOW;
const clock = () => clockAt(now);
let declare: ReturnType<typeof declarer>;

beforeAll(async () => {
  app = await startTestApp();
  declare = declarer(app, clock);
  await openStatementsFrom(app, AMBITION, 2025, '2025-11-15');
  await openStatementsFrom(app, UCL, 2025, '2025-11-15');
  [dp, dp2] = await deliveryPartnersOf(app, AMBITION, 2025);
});
afterAll(async () => app.close());
beforeEach(() => {
  now = NOW;
});

const accepted = (o: Parameters<typeof createApplication>[1] = {}) => createApplication(app, { cohort: '2025a', status: 'accepted', ...o });
const started = (person: string, o: Record<string, unknown> = {}) => ({
  participantId: person,
  declarationType: 'started',
  declarationDate: '2025-11-01T10:00:00Z',
  courseIdentifier: 'npq-headship',
  deliveryPartnerId: dp,
  ...o,
});

describe('participant (npq.md §5.4 steps 1–3)', () => {
  it('participant_id must be present', async () => {
    expect(await refused(declare(started(undefined as never, { participantId: undefined })))).toEqual([
      { field: 'participantId', message: M.participantIdMissing },
    ]);
  });

  it('a retired participant id names its replacement', async () => {
    const a = await accepted();
    const retired = (await sql<{ id: string }>(app, 'select gen_random_uuid() as id'))[0].id;
    await sql(
      app,
      `insert into npq_participant_id_changes (id, participant_id, from_participant_id, to_participant_id, created_at, updated_at)
       values (gen_random_uuid(), ?, ?, ?, now(), now())`,
      [a.person, retired, a.person],
    );
    expect(await refused(declare(started(retired)))).toEqual([
      { field: 'participantId', message: `The participant_id '${retired}' has been replaced with '${a.person}'.` },
    ]);
  });

  it("an unknown id, a non-UUID and another provider's participant are not recognised", async () => {
    const other = await accepted({ provider: UCL });
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', other.person]) {
      expect(await refused(declare(started(id)))).toEqual([{ field: 'participantId', message: M.participantNotRecognised }]);
    }
  });

  it('the declaration must be strictly before the latest withdrawal for this provider', async () => {
    const a = await accepted();
    await withdrawnAt(app, a.id, AMBITION, '2025-11-01T10:00:00Z');
    expect(await refused(declare(started(a.person)))).toEqual([
      {
        field: 'participantId',
        message: "This participant withdrew from this course on 2025-11-01T10:00:00Z. Enter a '#/declaration_date' that's on or before the withdrawal date.",
      },
    ]);
    const id = await declare(started(a.person, { declarationDate: '2025-11-01T09:59:59Z' }));
    expect((await declarationRow(app, id)).state).toBe('eligible');
  });

  it('a deferred participant can be declared for', async () => {
    const a = await accepted({ trainingStatus: 'deferred' });
    await sql(
      app,
      `insert into npq_application_states (id, application_id, lead_provider_id, state, reason, created_at) values (gen_random_uuid(), ?, ?, 'deferred', 'other', '2025-10-15T00:00:00Z')`,
      [a.id, app.leadProviderId(AMBITION)],
    );
    await expect(declare(started(a.person))).resolves.toEqual(expect.any(String));
  });
});

describe('course and dates (steps 4–7)', () => {
  it('the participant needs an accepted application for the course, with any provider', async () => {
    const a = await accepted();
    for (const course of ['npq-senco', 'npq-unknown', undefined]) {
      expect(await refused(declare(started(a.person, { courseIdentifier: course })))).toEqual([{ field: 'courseIdentifier', message: M.courseNotRecognised }]);
    }
  });

  it("a course accepted only by another provider finds no application of the caller's: the schedule is missing", async () => {
    const a = await accepted();
    await accepted({ provider: UCL, person: a.person, course: 'npq-senco' });
    expect(await refused(declare(started(a.person, { courseIdentifier: 'npq-senco' })))).toEqual([{ field: 'application', message: M.scheduleMissing }]);
  });

  it('ASO and EHCO are one course: an EHCO application takes an ASO declaration', async () => {
    const a = await accepted({ course: 'npq-early-headship-coaching-offer' });
    const id = await declare(started(a.person, { courseIdentifier: 'npq-additional-support-offer', declarationDate: '2025-11-02T00:00:00Z' }));
    expect((await declarationRow(app, id)).course_identifier).toBe('npq-early-headship-coaching-offer');
  });

  it('declaration_date must be RFC 3339 (and then also reads as missing when it cannot be read at all)', async () => {
    const a = await accepted();
    expect(await refused(declare(started(a.person, { declarationDate: 'yesterday' })))).toEqual([
      { field: 'declarationDate', message: M.declarationDateInvalid },
      { field: 'declarationDate', message: M.declarationDateMissing },
    ]);
    expect(await refused(declare(started(a.person, { declarationDate: '2025-11-01' })))).toEqual([
      { field: 'declarationDate', message: M.declarationDateInvalid },
    ]);
    expect(await refused(declare(started(a.person, { declarationDate: '2025-02-30T10:00:00Z' })))).toEqual([
      { field: 'declarationDate', message: M.declarationDateInvalid },
      { field: 'declarationDate', message: M.declarationDateMissing },
    ]);
  });

  it('accepts the RFC 3339 variants: fractions, any case, ±HH, ±HHMM, ±HH:MM, no zone (UTC)', async () => {
    for (const [date, stored] of [
      ['2025-11-01t10:00:00.123456z', '2025-11-01T10:00:00Z'],
      ['2025-11-02T12:00:00+02', '2025-11-02T10:00:00Z'],
      ['2025-11-03T12:00:00+0200', '2025-11-03T10:00:00Z'],
      ['2025-11-04T12:00:00,5-01:00', '2025-11-04T13:00:00Z'],
      ['2025-11-05T10:00:00', '2025-11-05T10:00:00Z'],
    ]) {
      const a = await accepted();
      const id = await declare(started(a.person, { declarationDate: date }));
      expect((await declarationRow(app, id)).date_text).toBe(stored);
    }
  });

  it("declaration_date must not be before the schedule's start (00:00 UTC)", async () => {
    const a = await accepted();
    expect(await refused(declare(started(a.person, { declarationDate: '2025-09-30T23:59:59Z' })))).toEqual([
      { field: 'declarationDate', message: M.declarationDateBeforeScheduleStart },
    ]);
    await expect(declare(started(a.person, { declarationDate: '2025-10-01T00:00:00Z' }))).resolves.toEqual(expect.any(String));
  });

  it('a missing declaration_date and declaration_type are reported whatever else failed', async () => {
    expect(await refused(declare({ participantId: 'nobody', courseIdentifier: 'npq-headship' }))).toEqual([
      { field: 'participantId', message: M.participantNotRecognised },
      { field: 'declarationDate', message: M.declarationDateMissing },
      { field: 'declarationType', message: M.declarationTypeMissing },
      { field: 'declarationType', message: M.declarationTypeNotRecognised },
    ]);
    const a = await accepted();
    expect(await refused(declare(started(a.person, { declarationType: 'retained-3' })))).toEqual([
      { field: 'declarationType', message: M.declarationTypeNotRecognised },
    ]);
  });
});

describe('schedule, contract and statement (steps 9–11)', () => {
  it('the type must be allowed by the schedule (no retained-2 on a specialist schedule)', async () => {
    const a = await accepted({ course: 'npq-leading-teaching' });
    expect(await refused(declare(started(a.person, { courseIdentifier: 'npq-leading-teaching', declarationType: 'retained-2' })))).toEqual([
      { field: 'declarationType', message: M.declarationTypeNotInSchedule },
    ]);
  });

  it('the provider needs a contract (an NPQ statement) for the cohort', async () => {
    const a = await accepted({ provider: UCL, cohort: '2024a' });
    await removeNpqStatements(app, app.leadProviderId(UCL), 2024);
    expect(await refused(declare({ ...started(a.person, { declarationDate: '2024-11-01T00:00:00Z' }), provider: UCL }))).toEqual([
      { field: 'cohort', message: M.noContract },
    ]);
  });

  it('a fundable declaration needs an open output-fee statement with a deadline from today', async () => {
    const a = await accepted();
    now = '2026-09-01T12:00:00Z';
    // The demo seed gives the provider open 2025 statements for years ahead: none is open from that day here.
    await sql(
      app,
      `update statements s set state = 'payable' from cohorts c
        where c.id = s.cohort_id and c.start_year = 2025 and s.programme = 'npq' and s.deadline_date >= '2026-09-01'
          and s.lead_provider_id = (select lead_provider_id from npq_applications where id = ?)`,
      [a.id],
    );
    expect(await refused(declare(started(a.person)))).toEqual([
      {
        field: 'cohort',
        message:
          'You cannot submit or void declarations for the 2025 cohort. The funding contract for this cohort has ended. Get in touch if you need to discuss this with us.',
      },
    ]);
  });

  it('a declaration that is not fundable needs no statement: it stays submitted', async () => {
    const a = await accepted({ eligible: false });
    now = '2026-09-01T12:00:00Z';
    const id = await declare(started(a.person));
    const row = await declarationRow(app, id);
    expect([row.state, row.payment_statement_id]).toEqual(['submitted', null]);
    expect(await stateHistory(app, id)).toEqual([{ state: 'submitted', lead_provider_id: app.leadProviderId(AMBITION) }]);
    expect(await sql(app, 'select * from statement_line_items where declaration_id = ?', [id])).toEqual([]);
  });
});

describe('has_passed, slot and delivery partners (steps 12–15)', () => {
  it('a completed leadership or specialist declaration needs has_passed true or false', async () => {
    const a = await accepted();
    for (const value of [undefined, 'yes', 1]) {
      expect(await refused(declare(started(a.person, { declarationType: 'completed', hasPassed: value })))).toEqual([
        { field: 'hasPassed', message: M.hasPassedInvalid },
      ]);
    }
    // Reported beside an earlier error: the step always runs.
    expect(await refused(declare(started(a.person, { declarationType: 'completed', declarationDate: 'soon' })))).toEqual([
      { field: 'declarationDate', message: M.declarationDateInvalid },
      { field: 'declarationDate', message: M.declarationDateMissing },
      { field: 'hasPassed', message: M.hasPassedInvalid },
    ]);
  });

  it('has_passed is ignored for EHCO', async () => {
    const a = await accepted({ course: 'npq-early-headship-coaching-offer' });
    const id = await declare(started(a.person, { courseIdentifier: 'npq-early-headship-coaching-offer', declarationType: 'completed', hasPassed: 'maybe' }));
    expect((await declarationRow(app, id)).has_passed).toBeNull();
    expect(await sql(app, 'select * from npq_outcomes where declaration_id = ?', [id])).toEqual([]);
  });

  it('one submitted, eligible, payable or paid declaration per application and type: a repeat is refused', async () => {
    const a = await accepted();
    await declare(started(a.person));
    expect(await refused(declare(started(a.person)))).toEqual([{ field: 'base', message: M.slotTaken }]);
    expect(await refused(declare(started(a.person, { declarationDate: '2025-11-02T10:00:00Z' })))).toEqual([{ field: 'base', message: M.slotTaken }]);
  });

  it('voided, ineligible, awaiting-clawback and clawed-back declarations do not hold the slot', async () => {
    const a = await accepted();
    const first = await declare(started(a.person));
    for (const state of ['voided', 'ineligible', 'awaiting_clawback', 'clawed_back']) {
      await sql(app, 'update participant_declarations set state = ? where npq_application_id = ?', [state, a.id]);
      await expect(declare(started(a.person))).resolves.toEqual(expect.any(String));
      await sql(
        app,
        `delete from statement_line_items where declaration_id in (select id from participant_declarations where npq_application_id = ? and id <> ?)`,
        [a.id, first],
      );
      await sql(
        app,
        `delete from participant_declaration_listings where declaration_id in (select id from participant_declarations where npq_application_id = ? and id <> ?)`,
        [a.id, first],
      );
      await sql(
        app,
        `delete from participant_declaration_attempts where declaration_id in (select id from participant_declarations where npq_application_id = ? and id <> ?)`,
        [a.id, first],
      );
      await sql(
        app,
        `delete from participant_declaration_states where declaration_id in (select id from participant_declarations where npq_application_id = ? and id <> ?)`,
        [a.id, first],
      );
      await sql(app, `delete from participant_declarations where npq_application_id = ? and id <> ?`, [a.id, first]);
    }
  });

  it('given delivery partner ids must exist (always checked)', async () => {
    const a = await accepted();
    const unknown = '00000000-0000-4000-8000-00000000000d';
    expect(await refused(declare(started(a.person, { deliveryPartnerId: unknown, secondaryDeliveryPartnerId: 'nope' })))).toEqual([
      { field: 'deliveryPartnerId', message: M.deliveryPartnerDoesNotExist },
      { field: 'secondaryDeliveryPartnerId', message: M.secondaryDeliveryPartnerDoesNotExist },
    ]);
  });

  it('declaration_date must not be in the future (now itself is allowed)', async () => {
    const a = await accepted();
    expect(await refused(declare(started(a.person, { declarationDate: '2025-11-15T12:00:01Z' })))).toEqual([
      { field: 'declarationDate', message: M.declarationDateFuture },
    ]);
    await expect(declare(started(a.person, { declarationDate: NOW }))).resolves.toEqual(expect.any(String));
  });

  it('a 2024+ declaration in England needs a delivery partner', async () => {
    const a = await accepted();
    expect(await refused(declare(started(a.person, { deliveryPartnerId: undefined })))).toEqual([
      { field: 'deliveryPartnerId', message: M.deliveryPartnerRequired },
    ]);
  });

  it('before 2024 no delivery partner is needed', async () => {
    await openStatementsFrom(app, AMBITION, 2023, '2024-01-01');
    const a = await accepted({ cohort: '2023a' });
    now = '2024-01-15T00:00:00Z';
    const id = await declare(started(a.person, { deliveryPartnerId: undefined, declarationDate: '2024-01-10T00:00:00Z' }));
    expect((await declarationRow(app, id)).state).toBe('eligible');
  });

  it('outside England delivery partners cannot be given; the secondary needs a primary', async () => {
    const a = await accepted();
    await sql(app, `update npq_applications set teacher_catchment = 'another' where id = ?`, [a.id]);
    expect(await refused(declare(started(a.person, { secondaryDeliveryPartnerId: dp2 })))).toEqual([
      { field: 'deliveryPartnerId', message: M.deliveryPartnerOutsideEngland },
      { field: 'secondaryDeliveryPartnerId', message: M.secondaryOutsideEngland },
    ]);
    expect(await refused(declare(started(a.person, { deliveryPartnerId: undefined, secondaryDeliveryPartnerId: dp2 })))).toEqual([
      { field: 'secondaryDeliveryPartnerId', message: M.secondaryWithoutPrimary },
      { field: 'secondaryDeliveryPartnerId', message: M.secondaryOutsideEngland },
    ]);
    const id = await declare(started(a.person, { deliveryPartnerId: undefined }));
    expect((await declarationRow(app, id)).delivery_partner_id).toBeNull();
  });

  it("delivery partners must be the provider's for the declaration's cohort, and differ", async () => {
    const a = await accepted();
    const foreign = await otherDeliveryPartner(app, AMBITION, 2025);
    expect(await refused(declare(started(a.person, { deliveryPartnerId: foreign, secondaryDeliveryPartnerId: foreign })))).toEqual([
      { field: 'deliveryPartnerId', message: M.deliveryPartnerNotConfirmed },
      { field: 'secondaryDeliveryPartnerId', message: M.secondaryNotConfirmed },
      { field: 'secondaryDeliveryPartnerId', message: M.secondarySameAsPrimary },
    ]);
    const id = await declare(started(a.person, { secondaryDeliveryPartnerId: dp2 }));
    const row = await declarationRow(app, id);
    expect([row.delivery_partner_id, row.secondary_delivery_partner_id]).toEqual([dp, dp2]);
  });
});

describe('state after create (npq.md §5.5)', () => {
  it('a fundable application: eligible, on the next output-fee statement, with its history and attempt', async () => {
    const a = await accepted();
    const id = await declare(started(a.person));
    const row = await declarationRow(app, id);
    const [statement] = await sql(
      app,
      `select s.id from statements s join cohorts c on c.id = s.cohort_id
        where s.lead_provider_id = ? and c.start_year = 2025 and s.programme = 'npq' and s.output_fee and s.state = 'open' and s.deadline_date >= '2025-11-15'
        order by s.deadline_date limit 1`,
      [app.leadProviderId(AMBITION)],
    );
    expect(row).toMatchObject({ state: 'eligible', programme: 'npq', npq_application_id: a.id, participant_id: a.person, start_year: 2025 });
    expect(row.payment_statement_id).toBe(statement.id);
    expect(await sql(app, 'select statement_id, state from statement_line_items where declaration_id = ?', [id])).toEqual([
      { statement_id: statement.id, state: 'eligible' },
    ]);
    expect(await stateHistory(app, id)).toEqual([
      { state: 'submitted', lead_provider_id: app.leadProviderId(AMBITION) },
      { state: 'eligible', lead_provider_id: null },
    ]);
    const attempts = await sql(app, 'select outcome, errors, participant_id from participant_declaration_attempts where declaration_id = ?', [id]);
    expect(attempts).toEqual([{ outcome: 'created', errors: null, participant_id: a.person }]);
    const listings = await sql(app, 'select lead_provider_id from participant_declaration_listings where declaration_id = ?', [id]);
    expect(listings).toEqual([{ lead_provider_id: app.leadProviderId(AMBITION) }]);
  });

  it('a refused attempt is recorded with its errors', async () => {
    const a = await accepted();
    await refused(declare(started(a.person, { declarationType: 'nonsense' })));
    const [attempt] = await sql(
      app,
      `select outcome, errors, declaration_id from participant_declaration_attempts where participant_id = ? and outcome = 'rejected'`,
      [a.person],
    );
    expect(attempt).toEqual({ outcome: 'rejected', errors: [{ field: 'declarationType', message: M.declarationTypeNotRecognised }], declaration_id: null });
  });

  it('a funded place refused (false) leaves the declaration submitted', async () => {
    const a = await accepted();
    await sql(app, 'update npq_applications set funded_place = false where id = ?', [a.id]);
    const id = await declare(started(a.person));
    expect((await declarationRow(app, id)).state).toBe('submitted');
  });

  it('another person with the same TRN holding the type: ineligible, superseded by the oldest, no state reason', async () => {
    const trn = `D${Date.now().toString().slice(-7)}`;
    const first = await accepted({ person: await createPerson(app, { trn }) });
    const second = await accepted({ provider: UCL, person: await createPerson(app, { trn }) });
    const original = await declare(started(first.person));
    const [uclDp] = await deliveryPartnersOf(app, UCL, 2025);
    const id = await declare({ ...started(second.person, { deliveryPartnerId: uclDp }), provider: UCL });
    const row = await declarationRow(app, id);
    expect([row.state, row.superseded_by_id, row.state_reason, row.payment_statement_id !== undefined]).toEqual(['ineligible', original, null, true]);
    expect(await sql(app, 'select state from statement_line_items where declaration_id = ?', [id])).toEqual([{ state: 'ineligible' }]);
    expect((await stateHistory(app, id)).map((s) => s.state)).toEqual(['submitted', 'ineligible']);
  });

  it('a completed leadership declaration records its outcome (passed or failed) on the declaration, dated the declaration date', async () => {
    for (const [hasPassed, state] of [
      [true, 'passed'],
      ['false', 'failed'],
    ]) {
      const a = await accepted();
      now = '2026-07-15T12:00:00Z';
      await openStatementsFrom(app, AMBITION, 2025, '2026-07-15');
      const id = await declare(started(a.person, { declarationType: 'completed', declarationDate: '2026-07-01T23:30:00Z', hasPassed }));
      expect((await declarationRow(app, id)).has_passed).toBe(state === 'passed');
      const outcomes = await sql(
        app,
        `select state, to_char(completion_date, 'YYYY-MM-DD') as completion_date, application_id, lead_provider_id from npq_outcomes where declaration_id = ?`,
        [id],
      );
      expect(outcomes).toEqual([{ state, completion_date: '2026-07-01', application_id: a.id, lead_provider_id: app.leadProviderId(AMBITION) }]);
      await openStatementsFrom(app, AMBITION, 2025, '2025-11-15');
    }
  });
});
