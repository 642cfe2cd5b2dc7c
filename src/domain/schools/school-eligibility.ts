import type { School } from './school.entity.js';

/**
 * GIAS eligibility (ecf.md §1.3): open, in England, and an eligible establishment type or
 * section 41 approved. The SQL form below must say the same as the TypeScript form; the
 * school-eligibility test checks both on the same rows.
 */
export const OPEN_STATUS_CODES = [1, 3];
export const INELIGIBLE_TYPE_CODES = [10, 11, 24, 25, 26, 27, 29, 30, 37, 49, 56];
export const CIP_ONLY_TYPE_CODES = [10, 11, 30, 37];

type GiasFields = Pick<School, 'schoolStatusCode' | 'schoolTypeCode' | 'administrativeDistrictCode' | 'section41Approved'>;

const isOpen = (s: GiasFields) => OPEN_STATUS_CODES.includes(s.schoolStatusCode);
const inEngland = (s: GiasFields) => /^e/i.test(s.administrativeDistrictCode) || s.administrativeDistrictCode === '9999';

export function isEligible(s: GiasFields): boolean {
  return isOpen(s) && inEngland(s) && (!INELIGIBLE_TYPE_CODES.includes(s.schoolTypeCode) || s.section41Approved);
}

/** Open but ineligible schools of these types may only run the core induction programme. */
export function isCipOnly(s: GiasFields): boolean {
  return !isEligible(s) && isOpen(s) && CIP_ONLY_TYPE_CODES.includes(s.schoolTypeCode);
}

export function eligibleSql(alias: string): string {
  return `(${alias}.school_status_code in (${OPEN_STATUS_CODES.join(',')})
    and (${alias}.administrative_district_code ilike 'e%' or ${alias}.administrative_district_code = '9999')
    and (${alias}.school_type_code not in (${INELIGIBLE_TYPE_CODES.join(',')}) or ${alias}.section_41_approved))`;
}
