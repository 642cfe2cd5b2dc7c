import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../shared/domain-error.js';
import { probeLimitOffset, toPage, type Page, type PageRequest } from '../shared/list-query.js';
import { isoDate, rfc3339 } from '../shared/sql.js';
import { isNpqParticipantOf } from './npq-outcome-participant.js';

export type NpqOutcomeState = 'passed' | 'failed' | 'voided';

/** A participant outcome as the submitting provider sees it (npq.md §1.10, §2.2 "Outcome"). */
export interface NpqOutcomeView {
  id: string;
  state: NpqOutcomeState;
  /** `YYYY-MM-DD`. */
  completionDate: string;
  /** The course of the application the outcome belongs to. */
  courseIdentifier: string;
  participantId: string;
  createdAt: string;
  updatedAt: string;
}

export interface NpqOutcomeFilter {
  createdSince?: Date;
}

const SELECT = `
  select o.id, o.state, ${isoDate('o.completion_date')} as "completionDate", a.course_identifier as "courseIdentifier",
         o.participant_id as "participantId", ${rfc3339('o.created_at')} as "createdAt", ${rfc3339('o.updated_at')} as "updatedAt"
    from npq_outcomes o join npq_applications a on a.id = o.application_id`;

/**
 * The outcomes the provider submitted (npq.md §6.2: the submitting provider only), by created_at then id. A key
 * page from the provider's (lead_provider_id, created_at, id) index, then the page hydrated: one statement.
 */
export async function listNpqOutcomes(
  em: EntityManager,
  leadProviderId: string,
  filter: NpqOutcomeFilter,
  page: PageRequest,
  participantId?: string,
): Promise<Page<NpqOutcomeView>> {
  const conditions = ['o.lead_provider_id = ?'];
  const params: unknown[] = [leadProviderId];
  if (filter.createdSince) {
    conditions.push('o.created_at >= ?');
    params.push(filter.createdSince);
  }
  if (participantId !== undefined) {
    conditions.push('o.participant_id = ?');
    params.push(participantId);
  }
  const { limit, offset, perPage } = probeLimitOffset(page);
  const rows = await em.execute<NpqOutcomeView[]>(
    `with keys as (select o.id, o.created_at from npq_outcomes o where ${conditions.join(' and ')} order by o.created_at, o.id limit ? offset ?)
     ${SELECT} join keys k on k.id = o.id order by o.created_at, o.id`,
    [...params, limit, offset],
  );
  return toPage(rows, perPage);
}

/**
 * One participant's outcomes submitted by the provider (npq.md §6.2). The participant must be the provider's
 * (an accepted application with it); otherwise not found.
 */
export async function listNpqParticipantOutcomes(
  em: EntityManager,
  leadProviderId: string,
  participantId: string,
  page: PageRequest,
): Promise<Page<NpqOutcomeView>> {
  if (!(await isNpqParticipantOf(em, leadProviderId, participantId))) throw DomainError.notFound('NPQ participant');
  return listNpqOutcomes(em, leadProviderId, {}, page, participantId);
}

/** One outcome by id (the result of a submission). */
export async function findNpqOutcome(em: EntityManager, id: string): Promise<NpqOutcomeView | null> {
  const rows = await em.execute<NpqOutcomeView[]>(`${SELECT} where o.id = ?`, [id]);
  return rows[0] ?? null;
}
