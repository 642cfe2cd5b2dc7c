import type { TestApp } from '../support/test-app.js';
import { sql } from '../partnerships/fixtures.js';
import { refreshParticipantProjection } from '../../src/domain/participants/participant-projection.js';
import { stampWrite, Touched } from '../../src/domain/shared/write-stamp.js';
import { fixedOffsetClock } from '../../src/domain/shared/clock.js';

/**
 * `n` participants with one active ECT record each at `partnershipId` (2024 standard September schedule, no TRN, no
 * eligibility decision), created a second apart from 2025-06-01, written in bulk (one statement per table), then
 * projected and stamped as a write path does. For lists larger than a page or a CSV chunk.
 */
export async function bulkParticipants(app: TestApp, n: number, partnershipId: string, start = '2024-09-02T08:00:00Z'): Promise<void> {
  const tag = `bulk-${Math.random().toString(36).slice(2, 10)}`;
  const people = await sql<{ id: string }>(
    app,
    `insert into participants (id, trn, full_name, email, created_at, updated_at)
     select gen_random_uuid(), null, 'Bulk Participant ' || g, ?::text || '-' || g || '@example.com', timestamptz '2025-06-01' + g * interval '1 second', now()
       from generate_series(1, ?) g returning id`,
    [tag, n],
  );
  await sql(
    app,
    `with rec as (
       insert into training_records (id, participant_id, participant_type, schedule_id, created_at, updated_at)
       select gen_random_uuid(), p.id, 'ect', s.id, now(), now()
         from participants p, schedules s join cohorts c on c.id = s.cohort_id
        where p.email like ?::text || '-%' and s.programme = 'ecf' and s.schedule_identifier = 'ecf-standard-september' and c.start_year = 2024
       returning id, schedule_id)
     insert into training_periods (id, training_record_id, school_id, cohort_id, partnership_id, schedule_id, induction_status, start_date, created_at, updated_at)
     select gen_random_uuid(), rec.id, pt.school_id, pt.cohort_id, pt.id, rec.schedule_id, 'active', ?, now(), now() from rec, partnerships pt where pt.id = ?`,
    [tag, start, partnershipId],
  );
  const em = app.db.orm.em.fork();
  await em.transactional(async (tx) => {
    const changed = await refreshParticipantProjection(tx, { participantIds: people.map((p) => p.id) });
    await stampWrite(
      tx,
      fixedOffsetClock(() => new Date()),
      new Touched().add('participant_provider_views', ...changed),
    );
  });
}
