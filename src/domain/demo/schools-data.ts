import { isEligible } from '../schools/school-eligibility.js';

// Data kept several to a line: Prettier would give each item a line of its own.
// prettier-ignore
const PLACES = ['Ashford', 'Barnsley', 'Carlisle', 'Dorchester', 'Ely', 'Frome', 'Grantham', 'Hexham', 'Ilkley', 'Keswick', 'Ludlow', 'Malton', 'Newbury', 'Oakham', 'Penrith', 'Ripon', 'Settle', 'Thirsk', 'Uckfield', 'Wantage', 'Yeovil', 'Alnwick', 'Bude', 'Crewe', 'Durham'];
// prettier-ignore
const KINDS = ['Primary School', 'Academy', 'Church of England Primary School', 'High School', 'Community College', 'Infant School', 'Junior School', 'Catholic Primary School', 'Secondary School', 'Free School', 'Special School', 'Nursery School'];
const FIRST = ['Amira', 'Ben', 'Chloe', 'Dev', 'Erin', 'Farah', 'George', 'Hana', 'Ioan', 'Jade', 'Kwame', 'Lucy'];
const LAST = ['Patel', 'Smith', 'Okafor', 'Jones', 'Nowak', 'Khan', 'Evans', 'Murphy', 'Taylor', 'Ali'];

/**
 * GIAS-like schools: mostly open English state schools, plus the kinds the rules treat differently
 * (independent and CIP-only, closed, Welsh, section 41 approved).
 */
export function demoSchools(count: number, rnd: () => number) {
  return Array.from({ length: count }, (_, i) => {
    const r = rnd();
    // 80% eligible community/academy types; the rest exercise the ineligibility rules.
    const [type, status, district, s41] =
      r < 0.8
        ? [[1, 2, 3, 5, 7, 28, 34, 35][i % 8], 1, `E0${(6000000 + i).toString()}`, false]
        : r < 0.85
          ? [11, 1, 'E06000001', false] // independent: CIP only
          : r < 0.88
            ? [11, 1, 'E06000002', true] // independent, section 41 approved: eligible
            : r < 0.93
              ? [1, 2, 'E06000003', false] // closed
              : r < 0.97
                ? [1, 1, 'W06000015', false] // in Wales
                : [1, 3, 'E06000004', false]; // open, proposed to close: eligible
    const place = PLACES[i % PLACES.length];
    const name = `${place} ${KINDS[(i * 7) % KINDS.length]}${i >= PLACES.length ? ` ${Math.floor(i / PLACES.length) + 1}` : ''}`;
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const hasTutor = rnd() < 0.7;
    const tutor = `${FIRST[i % FIRST.length]} ${LAST[(i * 3) % LAST.length]}`;
    const school = {
      urn: String(100000 + i * 37),
      name,
      school_type_code: type,
      school_status_code: status,
      administrative_district_code: district,
      section_41_approved: s41,
      primary_contact_email: `office@${slug}.sch.example`,
      secondary_contact_email: `head@${slug}.sch.example`,
      induction_tutor_name: hasTutor ? tutor : null,
      induction_tutor_email: hasTutor ? `${tutor.toLowerCase().replace(' ', '.')}@${slug}.sch.example` : null,
    };
    const eligible = isEligible({
      schoolTypeCode: school.school_type_code,
      schoolStatusCode: school.school_status_code,
      administrativeDistrictCode: school.administrative_district_code,
      section41Approved: school.section_41_approved,
    });
    return { ...school, eligible };
  });
}
