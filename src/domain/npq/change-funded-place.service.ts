import { writeTransaction } from '../shared/write-transaction.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Violation } from '../shared/domain-error.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { stampWrite, Touched } from '../shared/write-stamp.js';
import type { ApplicationStatus } from './npq-application.entity.js';
import type { NpqFunding } from './npq-cohort.entity.js';
import { NPQ_FUNDED_PLACE_MESSAGES as M } from './npq-application.messages.js';
import { Violations } from './npq-application.rules.js';
import { lockApplication } from './accept-application.service.js';
import { touchNpqPerson } from './npq-projection.js';
import { applicationDeclarationFacts } from '../declarations/npq/npq-declaration-facts.js';

export interface ChangeFundedPlaceCommand {
  leadProviderId: string;
  applicationId: string;
  /** `funded_place` exactly as sent (a JSON value); only true and false count. */
  fundedPlace?: unknown;
}

export interface ChangeFundedPlaceFacts {
  fundedPlace: unknown;
  status: ApplicationStatus;
  funding: NpqFunding | null;
  /** The raw `eligible_for_funding` registration answer. */
  eligibleForFunding: boolean;
  /** The application has a submitted, eligible, payable or paid declaration. */
  holdsDeclarations?: boolean;
}

/**
 * Change funded place's checks in order (npq.md §3.5).
 * Funding mode matrix: capped cohorts take true or false (true needs eligibility); fully funded and unfunded
 * cohorts refuse any change ("Leave the '#/funded_place' field blank…") once nothing else failed.
 */
export function changeFundedPlaceViolations(f: ChangeFundedPlaceFacts): Violation[] {
  const v = new Violations();
  if (typeof f.fundedPlace !== 'boolean') v.add('fundedPlace', M.fundedPlaceRequired);
  if (f.status !== 'accepted') v.add('application', M.notAccepted);
  if (f.fundedPlace === true && !f.eligibleForFunding) v.add('application', M.notEligible);
  if (!v.any && f.funding !== 'capped') v.add('application', M.notCapped);
  if (f.holdsDeclarations) v.add('application', M.declarationsSubmitted);
  return v.list();
}

/**
 * Sets `funded_place` on one of the provider's accepted applications in a capped cohort (npq.md §3.5). The
 * application moves; so do the person's other applications for the same course (ASO = EHCO), whose derived
 * `eligible_for_funding` / `ineligible_for_funding_reason` read this application's funded place ("previously
 * funded", npq.md §1.5), and every provider's participant row of the person (npq.md §9.6).
 */
export async function changeNpqFundedPlace(em: EntityManager, clock: Clock, cmd: ChangeFundedPlaceCommand): Promise<string> {
  return writeTransaction(em, async (tx) => {
    const app = await lockApplication(tx, cmd.leadProviderId, cmd.applicationId);
    const violations = changeFundedPlaceViolations({
      fundedPlace: cmd.fundedPlace,
      status: app.status,
      funding: app.funding,
      eligibleForFunding: app.eligible_for_funding,
      holdsDeclarations: (await applicationDeclarationFacts(tx, app.id)).slotHolding,
    });
    if (violations.length > 0) throw DomainError.validation(violations);
    const fundedPlace = cmd.fundedPlace as boolean;
    await tx.execute('update npq_applications set funded_place = ?, updated_at = ? where id = ?', [fundedPlace, clock.now(), app.id]);
    const related = await tx.execute<{ id: string }[]>('select id from npq_applications where participant_id = ? and course_family = ?', [
      app.participant_id,
      app.course_family,
    ]);
    const touched = new Touched();
    await touchNpqPerson(
      tx,
      touched,
      app.participant_id,
      related.map((r) => r.id),
    );
    await stampWrite(tx, clock, touched);
    return app.id;
  });
}
