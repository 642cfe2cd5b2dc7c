import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../shared/sql.js';
import type { Touched } from '../shared/write-stamp.js';

/**
 * The NPQ lists' projections (README "Reads at scale"), kept by every write path in its own transaction and by
 * `npm run seed` (all rows):
 * - `npq_applications.cohort_start_year`: the cohort filter's column, a copy of the application's cohort year;
 * - `npq_participant_listings`: one row per provider × person with an application there. `visible` (the person
 *   has an accepted application with the provider: npq.md §4.1), `training_statuses` of those accepted
 *   applications, the person's created_at (the list's default order) and the participant's API `updated_at`:
 *   max of the person, every one of their applications with any provider and their participant id changes
 *   (npq.md §9.6). New rows take that
 *   maximum; afterwards the write paths stamp them (`touchNpqPerson`).
 * Returns the ids of the listing rows of the given people (all rows when no people are named).
 */
export async function refreshNpqProjections(em: EntityManager, participantIds?: string[]): Promise<string[]> {
  const only = (alias: string) => (participantIds ? `and ${alias}.participant_id = any(?::uuid[])` : '');
  const params = participantIds ? [pgArray(participantIds)] : [];
  await em.execute(
    `update npq_applications a set cohort_start_year = c.start_year
       from npq_applications x left join npq_cohorts c on c.id = x.npq_cohort_id
      where x.id = a.id and a.cohort_start_year is distinct from c.start_year ${only('a')}`,
    params,
  );
  await em.execute(
    `insert into npq_participant_listings (id, lead_provider_id, participant_id, visible, training_statuses, participant_created_at, updated_at)
     select gen_random_uuid(), a.lead_provider_id, a.participant_id, bool_or(a.status = 'accepted'),
            coalesce(array_agg(distinct a.training_status order by a.training_status)
                       filter (where a.status = 'accepted' and a.training_status is not null), '{}'),
            min(p.created_at), greatest(min(p.updated_at), (select max(o.updated_at) from npq_applications o where o.participant_id = a.participant_id),
                                        (select max(x.created_at) from npq_participant_id_changes x where x.participant_id = a.participant_id))
       from npq_applications a join npq_participants p on p.id = a.participant_id
      where true ${only('a')}
      group by a.lead_provider_id, a.participant_id
     on conflict (lead_provider_id, participant_id) do update
        set visible = excluded.visible, training_statuses = excluded.training_statuses, participant_created_at = excluded.participant_created_at
      where (npq_participant_listings.visible, npq_participant_listings.training_statuses, npq_participant_listings.participant_created_at)
            is distinct from (excluded.visible, excluded.training_statuses, excluded.participant_created_at)`,
    params,
  );
  // A person whose applications all left a provider (moved by an admin) drops out of its list.
  await em.execute(
    `update npq_participant_listings l set visible = false, training_statuses = '{}'
      where l.visible ${only('l')}
        and not exists (select 1 from npq_applications a where a.lead_provider_id = l.lead_provider_id and a.participant_id = l.participant_id)`,
    params,
  );
  const rows = await em.execute<{ id: string }[]>(`select id from npq_participant_listings l where true ${only('l')}`, params);
  return rows.map((r) => r.id);
}

/**
 * Marks what a change to a person's NPQ records moves, for the commit stamp (npq.md §9.6, §10.1):
 * - `'approval'` (accept, reject, auto-reject, and any change to the person): the person, and so every one of
 *   their applications with any provider;
 * - a list of application ids (a change to those applications only): those applications.
 * Either way the projections are refreshed and every provider's listing row of the person moves, because a
 * participant's `updated_at` includes every application of the person.
 */
export async function touchNpqPerson(em: EntityManager, touched: Touched, participantId: string, changed: 'approval' | string[]): Promise<void> {
  if (changed === 'approval') {
    touched.add('npq_participants', participantId);
    const apps = await em.execute<{ id: string }[]>('select id from npq_applications where participant_id = ?', [participantId]);
    touched.add('npq_applications', ...apps.map((a) => a.id));
  } else {
    touched.add('npq_applications', ...changed);
  }
  touched.add('npq_participant_listings', ...(await refreshNpqProjections(em, [participantId])));
}
