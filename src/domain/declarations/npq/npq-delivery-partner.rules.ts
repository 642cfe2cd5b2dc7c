import type { Violations } from '../../npq/npq-application.rules.js';
import { NPQ_DECLARATION_MESSAGES as M } from './npq-declaration.messages.js';

/** What the delivery-partner rules of a declaration look at (npq.md §5.7). */
export interface DeliveryPartnerFacts {
  /** Start year of the declaration's cohort (the application's schedule cohort). */
  cohortStartYear: number;
  /** The application is "inside catchment" (England): npq.md §1.5 `inside_catchment?`. */
  insideEngland: boolean;
  /** The delivery partners the declaration would have (ids of existing partners), null when none. */
  deliveryPartnerId: string | null;
  secondaryDeliveryPartnerId: string | null;
  /** The record is new, or the value differs from the stored one. */
  deliveryPartnerChanged: boolean;
  secondaryChanged: boolean;
  /** The provider's delivery partners for the declaration's cohort (its NPQ delivery partnerships). */
  confirmed: ReadonlySet<string>;
}

/** The declaration model's delivery-partner validations, in the model's order (npq.md §5.7). */
export function deliveryPartnerViolations(v: Violations, f: DeliveryPartnerFacts): void {
  const dp = f.deliveryPartnerId;
  const secondary = f.secondaryDeliveryPartnerId;
  if (dp === null && f.cohortStartYear >= 2024 && f.insideEngland && f.deliveryPartnerChanged) v.add('deliveryPartnerId', M.deliveryPartnerRequired);
  if (dp !== null && !f.insideEngland) v.add('deliveryPartnerId', M.deliveryPartnerOutsideEngland);
  if (dp !== null && f.deliveryPartnerChanged && !f.confirmed.has(dp)) v.add('deliveryPartnerId', M.deliveryPartnerNotConfirmed);
  if (secondary !== null && dp === null) v.add('secondaryDeliveryPartnerId', M.secondaryWithoutPrimary);
  if (secondary !== null && !f.insideEngland) v.add('secondaryDeliveryPartnerId', M.secondaryOutsideEngland);
  if (secondary !== null && f.secondaryChanged && !f.confirmed.has(secondary)) v.add('secondaryDeliveryPartnerId', M.secondaryNotConfirmed);
  if (secondary !== null && secondary === dp) v.add('secondaryDeliveryPartnerId', M.secondarySameAsPrimary);
}
