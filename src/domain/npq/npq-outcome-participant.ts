import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../shared/ids.js';

/**
 * Participant look-ups of the outcome endpoints (npq.md §1.6, §6). A person is a participant of a provider while
 * they have an accepted application with it; every other id (unknown, not a UUID, or a person who only applied
 * there) is not found. The participants endpoints apply the same rule; the two may be folded together.
 */
export async function isNpqParticipantOf(em: EntityManager, leadProviderId: string, participantId: string): Promise<boolean> {
  if (!isUuid(participantId)) return false;
  const [row] = await em.execute<{ found: boolean }[]>(
    `select exists (select 1 from npq_applications where participant_id = ? and lead_provider_id = ? and status = 'accepted') as found`,
    [participantId, leadProviderId],
  );
  return row.found;
}

/**
 * Locks the participant's row for an outcome write (concurrent submissions for one person run one after the
 * other) and answers whether they are the provider's participant.
 */
export async function lockNpqParticipantOf(em: EntityManager, leadProviderId: string, participantId: string): Promise<boolean> {
  if (!isUuid(participantId)) return false;
  const locked = await em.execute<{ id: string }[]>('select id from npq_participants where id = ? for update', [participantId]);
  return locked.length > 0 && isNpqParticipantOf(em, leadProviderId, participantId);
}

/**
 * The application an outcome is recorded against while declarations are not served: the provider's accepted
 * application of the participant for exactly this course (the newest, if several cohorts). It stands in for the
 * newest completed declaration (npq.md §6.3), which always belongs to such an application.
 */
export async function outcomeApplicationOf(em: EntityManager, leadProviderId: string, participantId: string, courseIdentifier: string): Promise<string | null> {
  const [row] = await em.execute<{ id: string }[]>(
    `select id from npq_applications
      where participant_id = ? and lead_provider_id = ? and course_identifier = ? and status = 'accepted'
      order by created_at desc, id desc limit 1`,
    [participantId, leadProviderId, courseIdentifier],
  );
  return row?.id ?? null;
}
