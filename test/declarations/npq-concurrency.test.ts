import { NPQ_DECLARATION_MESSAGES as M } from '../../src/domain/declarations/npq/npq-declaration.messages.js';
import { DomainError } from '../../src/domain/shared/domain-error.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createApplication, sql } from '../npq/npq-fixtures.js';
import { AMBITION, clockAt, declarer, deliveryPartnersOf, openStatementsFrom } from './npq-declaration-fixtures.js';

// ARCHITECTURE.md §2.9, issue 8 item 6: concurrent identical NPQ declarations behave as sequential repeats.

let app: TestApp;
let declare: ReturnType<typeof declarer>;
let dp: string;
beforeAll(async () => {
  app = await startTestApp();
  declare = declarer(app, () => clockAt('2025-11-15T12:00:00Z'));
  await openStatementsFrom(app, AMBITION, 2025, '2025-11-15');
  [dp] = await deliveryPartnersOf(app, AMBITION, 2025);
});
afterAll(async () => app.close());

it('20 identical declarations in parallel: one slot-holding declaration, 19 answers of the sequential repeat (base 422), no other error', async () => {
  const a = await createApplication(app, { cohort: '2025a', status: 'accepted' });
  const body = {
    participantId: a.person,
    declarationType: 'started',
    declarationDate: '2025-11-01T10:00:00Z',
    courseIdentifier: 'npq-headship',
    deliveryPartnerId: dp,
  };
  const results = await Promise.allSettled(Array.from({ length: 20 }, () => declare(body)));
  const created = results.filter((r) => r.status === 'fulfilled');
  const refusals = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  expect(created).toHaveLength(1);
  for (const r of refusals) {
    expect(r.reason).toBeInstanceOf(DomainError);
    expect((r.reason as DomainError).violations).toEqual([{ field: 'base', message: M.slotTaken }]);
  }
  const rows = await sql(app, `select state from participant_declarations where npq_application_id = ?`, [a.id]);
  expect(rows).toEqual([{ state: 'eligible' }]);
  const attempts = await sql(
    app,
    `select outcome, count(*)::int as n from participant_declaration_attempts where participant_id = ? group by outcome order by outcome`,
    [a.person],
  );
  expect(attempts).toEqual([
    { outcome: 'created', n: 1 },
    { outcome: 'rejected', n: 19 },
  ]);
});

it('near-identical declarations (another date, ASO for EHCO) in parallel also hold one slot', async () => {
  const a = await createApplication(app, { cohort: '2025a', status: 'accepted', course: 'npq-early-headship-coaching-offer' });
  const results = await Promise.allSettled(
    Array.from({ length: 10 }, (_, i) =>
      declare({
        participantId: a.person,
        declarationType: 'started',
        declarationDate: `2025-11-${String(1 + i).padStart(2, '0')}T10:00:00Z`,
        courseIdentifier: i % 2 ? 'npq-additional-support-offer' : 'npq-early-headship-coaching-offer',
        deliveryPartnerId: dp,
      }),
    ),
  );
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  expect(await sql(app, `select count(*)::int as n from participant_declarations where npq_application_id = ?`, [a.id])).toEqual([{ n: 1 }]);
});

it('a writer that took no lock and holds the slot uncommitted: the index answers the same base 422 once it commits', async () => {
  const a = await createApplication(app, { cohort: '2025a', status: 'accepted' });
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let inserted!: () => void;
  const ready = new Promise<void>((r) => (inserted = r));
  const other = app.db.orm.em.fork().transactional(async (tx) => {
    await tx.execute(
      `insert into participant_declarations (id, programme, lead_provider_id, participant_id, npq_application_id, course_identifier, declaration_type,
              declaration_date, cohort_id, state, created_at, updated_at)
       select gen_random_uuid(), 'npq', a.lead_provider_id, a.participant_id, a.id, a.course_identifier, 'started', '2025-11-01T10:00:00Z',
              c.cohort_id, 'submitted', now(), now()
         from npq_applications a join npq_cohorts c on c.id = a.npq_cohort_id where a.id = ?`,
      [a.id],
    );
    inserted();
    await held;
  });
  await ready;
  const attempt = declare({
    participantId: a.person,
    declarationType: 'started',
    declarationDate: '2025-11-02T10:00:00Z',
    courseIdentifier: 'npq-headship',
    deliveryPartnerId: dp,
  }).catch((e: unknown) => e);
  await new Promise((r) => setTimeout(r, 300));
  release();
  await other;
  const error = await attempt;
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).violations).toEqual([{ field: 'base', message: M.slotTaken }]);
});
