import type { Violation } from '../shared/domain-error.js';
import type { Cohort } from '../cohorts/cohort.entity.js';
import type { School } from '../schools/school.entity.js';
import type { DeliveryPartner } from '../delivery-partners/delivery-partner.entity.js';
import { isCipOnly, isEligible } from '../schools/school-eligibility.js';
import { PARTNERSHIP_MESSAGES as M } from './partnership.messages.js';

/** Everything the create rules look at, loaded by the service before any rule runs. */
export interface CreatePartnershipFacts {
  input: { cohort?: string | null; schoolId?: string | null; deliveryPartnerId?: string | null };
  today: string;
  now: Date;
  cohort: Cohort | null;
  school: School | null;
  deliveryPartner: DeliveryPartner | null;
  /** Lead provider of the school's unchallenged confirmed partnership in the cohort, if any. */
  schoolLeadProviderId: string | null;
  /** The school had a confirmed partnership in the previous cohort and has not chosen a programme for this one. */
  awaitingSchoolConfirmation: boolean;
  hasRelationship: boolean;
  callerLeadProviderId: string;
  /** RECT only: the school's participants in the cohort are all school-led (its RECT training route is school_led). */
  refuseSchoolLed?: boolean;
  schoolLedOnly?: boolean;
}

const blank = (v: string | null | undefined): boolean => v === undefined || v === null || String(v).trim() === '';

/**
 * Rules per attribute, first failure wins for each attribute; attributes are reported in the order
 * cohort, school_id, delivery_partner_id (rect.md §7.8: several can come back together).
 */
export function createPartnershipViolations(f: CreatePartnershipFacts): Violation[] {
  const out: Violation[] = [];
  const cohortOk = checkCohort(f, out);
  checkSchool(f, cohortOk, out);
  checkDeliveryPartner(f, cohortOk, out);
  return out;
}

function checkCohort(f: CreatePartnershipFacts, out: Violation[]): boolean {
  const fail = (message: string) => (out.push({ field: 'cohort', message }), false);
  if (blank(f.input.cohort)) return fail(M.cohortBlank);
  if (!f.cohort) return fail(M.cohortInvalid);
  if (f.cohort.registrationStartDate > f.today) return fail(M.cohortFuture);
  if (f.cohort.paymentsFrozenAt && f.cohort.paymentsFrozenAt <= f.now) return fail(M.cohortClosed);
  return true;
}

function checkSchool(f: CreatePartnershipFacts, cohortOk: boolean, out: Violation[]): void {
  const fail = (message: string) => out.push({ field: 'schoolId', message });
  if (blank(f.input.schoolId)) return void fail(M.schoolBlank);
  if (!f.school) return void fail(M.schoolInvalid);
  if (isCipOnly(f.school)) return void fail(M.schoolCipOnly);
  if (!isEligible(f.school)) return void fail(M.schoolIneligible);
  if (!cohortOk) return;
  if (f.schoolLeadProviderId === f.callerLeadProviderId) return void fail(M.alreadyPartnered);
  if (f.schoolLeadProviderId !== null) return void fail(M.otherProviderPartnered);
  if (f.awaitingSchoolConfirmation) return void fail(M.schoolNotConfirmed);
  if (f.refuseSchoolLed && f.schoolLedOnly) return void fail(M.schoolLed);
}

function checkDeliveryPartner(f: CreatePartnershipFacts, cohortOk: boolean, out: Violation[]): void {
  const fail = (message: string) => out.push({ field: 'deliveryPartnerId', message });
  if (blank(f.input.deliveryPartnerId)) return void fail(M.deliveryPartnerBlank);
  if (!f.deliveryPartner || f.deliveryPartner.discardedAt) return void fail(M.deliveryPartnerInvalid);
  if (cohortOk && !f.hasRelationship) return void fail(M.noRelationship);
}

export interface UpdatePartnershipFacts {
  input: { deliveryPartnerId?: string | null };
  challenged: boolean;
  deliveryPartner: DeliveryPartner | null;
  hasRelationship: boolean;
  /** A hidden relationship-only row already links this school, cohort and provider to the new partner. */
  relationshipRowWithNewPartner: boolean;
}

export function updatePartnershipViolations(f: UpdatePartnershipFacts): Violation[] {
  const dp = (message: string): Violation[] => [{ field: 'deliveryPartnerId', message }];
  if (blank(f.input.deliveryPartnerId)) return dp(M.deliveryPartnerBlank);
  if (!f.deliveryPartner || f.deliveryPartner.discardedAt) return dp(M.deliveryPartnerInvalid);
  if (!f.hasRelationship) return dp(M.noRelationship);
  if (f.challenged) return [{ field: 'partnership', message: M.challenged }];
  if (f.relationshipRowWithNewPartner) return dp(M.duplicateDeliveryPartner);
  return [];
}

/** The school may challenge until the later of two months into the academic year or 14 days from now (ecf.md §6.2). */
export function challengeDeadline(academicYearStartDate: string, now: Date): Date {
  const start = new Date(`${academicYearStartDate}T00:00:00Z`);
  const twoMonths = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 2, start.getUTCDate() - 1));
  const fortnight = new Date(now.getTime() + 14 * 24 * 3600 * 1000);
  return twoMonths > fortnight ? twoMonths : fortnight;
}
