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

/** The completed declaration an outcome is recorded on, its application and its submitter. */
export interface OutcomeDeclaration {
  id: string;
  application_id: string;
  lead_provider_id: string;
}

/**
 * The newest eligible completed declaration of the participant for exactly this course (npq.md §6.3): submitted,
 * eligible, payable, paid or ineligible, submitted by the caller or on an application the caller holds. Null
 * when there is none.
 */
export async function outcomeDeclarationOf(
  em: EntityManager,
  leadProviderId: string,
  participantId: string,
  courseIdentifier: string,
): Promise<OutcomeDeclaration | null> {
  const [row] = await em.execute<OutcomeDeclaration[]>(
    `select d.id, d.npq_application_id as application_id, d.lead_provider_id
       from participant_declarations d join npq_applications a on a.id = d.npq_application_id
      where d.programme = 'npq' and d.participant_id = ? and d.declaration_type = 'completed' and d.course_identifier = ?
        and (d.lead_provider_id = ? or a.lead_provider_id = ?)
        and d.state in ('submitted', 'eligible', 'payable', 'paid', 'ineligible')
      order by d.created_at desc, d.id desc limit 1`,
    [participantId, courseIdentifier, leadProviderId, leadProviderId],
  );
  return row ?? null;
}
