import type { EntityManager } from '@mikro-orm/postgresql';
import type { Touched } from '../shared/write-stamp.js';
import { lockViewRows, refreshParticipantProjection, viewIdsShowing } from './participant-projection.js';

/**
 * A partnership write (confirmed again after a challenge, challenged, moved to another delivery partner) changes
 * which training period a provider sees and what it shows (`delivery_partner_id`): re-project the participants
 * training in it and mark every row that shows it for the commit stamp (ecf.md §13 "partnership save touches the
 * school's participants").
 */
export async function touchParticipantsOfPartnership(em: EntityManager, touched: Touched, partnershipId: string): Promise<void> {
  const changed = await refreshParticipantProjection(em, { partnershipIds: [partnershipId] }, touched);
  const showing = await viewIdsShowing(em, { partnershipIds: [partnershipId] });
  await lockViewRows(em, [...new Set([...changed, ...showing])]);
  touched.add('participant_provider_views', ...changed, ...showing);
}
