import { stableId } from '../shared/stable-id.js';
import { isCipOnly, isEligible } from '../schools/school-eligibility.js';

/** A generated school with its timestamps in epoch ms and the eligibility flags the other generators use. */
export interface SchoolSeed {
  id: string;
  urn: string;
  name: string;
  school_type_code: number;
  school_status_code: number;
  administrative_district_code: string;
  section_41_approved: boolean;
  primary_contact_email: string;
  secondary_contact_email: string;
  induction_tutor_name: string | null;
  induction_tutor_email: string | null;
  createdMs: number;
  updatedMs: number;
  eligible: boolean;
  cipOnly: boolean;
  closed: boolean;
}

// Data kept several to a line: Prettier would give each item a line of its own.
// prettier-ignore
const PLACES = [
  'Ashford', 'Barnsley', 'Carlisle', 'Dorchester', 'Ely', 'Frome', 'Grantham', 'Hexham', 'Ilkley', 'Keswick', 'Ludlow', 'Malton',
  'Newbury', 'Oakham', 'Penrith', 'Ripon', 'Settle', 'Thirsk', 'Uckfield', 'Wantage', 'Yeovil', 'Alnwick', 'Bude', 'Crewe', 'Durham',
  'Bicester', 'Chesham', 'Didcot', 'Epsom', 'Falmouth', 'Gosport', 'Harlow', 'Ipswich', 'Jarrow', 'Kendal', 'Leek', 'Morpeth',
  'Nuneaton', 'Ormskirk', 'Pudsey', 'Redruth', 'Skipton', 'Tamworth', 'Ulverston', 'Verwood', 'Whitby', 'Bognor', 'Cleethorpes',
  'Darlington', 'Evesham', 'Farnham', 'Goole', 'Hinckley', 'Ilford', 'Kettering', 'Lowestoft', 'Mansfield', 'Northwich', 'Oldham',
  'Peterlee', 'Rochdale', 'Selby', 'Thetford', 'Wigan', 'Yarm', 'Bolton', 'Chorley', 'Dudley', 'Enfield', 'Gateshead', 'Halifax',
  'Hornsea', 'Kidderminster', 'Luton', 'Margate', 'Newark', 'Oswestry', 'Preston', 'Reading', 'Salford', 'Taunton', 'Walsall',
  'Bexhill', 'Coventry', 'Derby', 'Exmouth', 'Grimsby', 'Hastings', 'Leicester', 'Norwich', 'Plymouth', 'Rotherham', 'Swindon',
  'Stockport', 'Truro', 'Warrington', 'Worthing', 'Batley', 'Clitheroe', 'Dewsbury', 'Spalding', 'Stamford', 'Wymondham',
];
// prettier-ignore
const FEATURES = [
  'Oakfield', 'Meadowbank', 'Hillside', 'Brookfield', 'Ridgeway', 'Westfield', 'Greenacres', 'Beechwood', 'Fairfield', 'Highfield',
  'Kingsmead', 'Riverside', 'Parkside', 'Woodlands', 'Elmhurst', 'Larkrise', 'Springfield', 'Whitegate', 'Ashgrove', 'Millbrook',
  'Orchard', 'Hollybush', 'Broadoak', 'Castle View', 'Moorside', 'Northgate', 'Southwood', 'Lime Tree', 'Willowbrook', 'Heathfield',
];
// prettier-ignore
const SAINTS = [
  "St Mary's", "St John's", "St Peter's", "St Michael's", 'Holy Trinity', "St Paul's", 'All Saints', 'Christ Church', "St Andrew's",
  "St Joseph's", 'Our Lady of Lourdes', 'Sacred Heart', 'St Thomas More', "St Anne's", "St Margaret's", "St Nicholas'", "St Bede's",
];
const WELSH_PLACES = ['Aberaeron', 'Bala', 'Cricieth', 'Dolgellau', 'Llandeilo', 'Machynlleth', 'Pwllheli', 'Rhayader', 'Tregaron', 'Ystradgynlais'];
const ABROAD = ['Brussels', 'Madrid', 'Lisbon', 'Dubai', 'Bangkok', 'Cairo', 'Nairobi', 'Singapore'];
// prettier-ignore
const FIRST = ['Amira', 'Ben', 'Chloe', 'Dev', 'Erin', 'Farah', 'George', 'Hana', 'Ioan', 'Jade', 'Kwame', 'Lucy', 'Mohammed', 'Niamh', 'Oliver', 'Priya', 'Rhys', 'Sara', 'Tom', 'Yusuf', 'Zara', 'Aled', 'Bethan', 'Callum', 'Daniel', 'Emily', 'Grace', 'Harry', 'Isla', 'Jack'];
// prettier-ignore
const LAST = ['Patel', 'Smith', 'Okafor', 'Jones', 'Nowak', 'Khan', 'Evans', 'Murphy', 'Taylor', 'Ali', 'Brown', 'Williams', 'Wilson', 'Davies', 'Hughes', 'Begum', 'Wright', 'Walker', 'Thompson', 'Robinson', 'Clarke', 'Hussain', 'Wood', 'Green', 'Hall'];

/** English local authority district codes (unitary, metropolitan, London and a spread of shire districts). */
const ENGLISH_DISTRICTS = [
  ...Array.from({ length: 62 }, (_, i) => `E06${String(i + 1).padStart(6, '0')}`),
  ...Array.from({ length: 36 }, (_, i) => `E08${String(i + 1).padStart(6, '0')}`),
  ...Array.from({ length: 33 }, (_, i) => `E09${String(i + 1).padStart(6, '0')}`),
  ...Array.from({ length: 120 }, (_, i) => `E07${String(8 + i * 2).padStart(6, '0')}`),
];
const WELSH_DISTRICTS = Array.from({ length: 22 }, (_, i) => `W06${String(i + 1).padStart(6, '0')}`);

/** The service's first GIAS import (most schools carry its timestamps), and the later imports of new schools. */
export const GIAS_IMPORT_MS = Date.UTC(2021, 1, 15, 2, 0, 0);
const NEW_SCHOOLS_FROM_MS = Date.UTC(2021, 3, 1);
const DAY_MS = 24 * 3600 * 1000;

type Rnd = () => number;
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

/** Weighted choice: `[value, weight]` pairs, weights need not sum to 1. */
export function weighted<T>(rnd: Rnd, pairs: readonly (readonly [T, number])[]): T {
  const total = pairs.reduce((a, [, w]) => a + w, 0);
  let r = rnd() * total;
  for (const [v, w] of pairs) if ((r -= w) < 0) return v;
  return pairs[pairs.length - 1][0];
}

// GIAS establishment type codes: 1 community, 2 voluntary aided, 3 voluntary controlled, 5 foundation, 7 community
// special, 28 academy sponsor led, 34 academy converter, 35 free school, 15 LA nursery, 33 academy special sponsor led.
// prettier-ignore
const ELIGIBLE_TYPES = [[1, 24], [2, 8], [3, 7], [5, 4], [7, 4], [15, 1], [28, 14], [34, 30], [35, 5], [33, 3]] as const;
// Schools opened after the first import are mostly academies and free schools.
// prettier-ignore
const NEW_SCHOOL_TYPES = [[28, 30], [34, 40], [35, 20], [1, 5], [33, 5]] as const;

/**
 * GIAS-like profile: about 85% eligible (open English state schools, a few proposed to close and section 41
 * approved independents), about 6% CIP-only (independents and Welsh establishments), 2% other ineligible
 * types, 4% closed and 3% in Wales.
 */
function giasProfile(rnd: Rnd, isNew: boolean): { type: number; status: number; district: string; s41: boolean } {
  const r = rnd();
  const english = () => pick(rnd, ENGLISH_DISTRICTS);
  const stateType = () => weighted(rnd, isNew ? NEW_SCHOOL_TYPES : ELIGIBLE_TYPES);
  if (r < 0.8) return { type: stateType(), status: 1, district: english(), s41: false };
  if (r < 0.83) return { type: stateType(), status: 3, district: english(), s41: false }; // open, proposed to close
  if (r < 0.85) return { type: 11, status: 1, district: english(), s41: true }; // independent, section 41 approved
  if (r < 0.91)
    return {
      type: weighted(rnd, [
        [11, 8],
        [10, 2],
        [37, 1],
      ]),
      status: 1,
      district: english(),
      s41: false,
    }; // CIP only
  if (r < 0.93)
    return {
      type: weighted(rnd, [
        [24, 1],
        [26, 1],
        [29, 1],
        [56, 2],
      ]),
      status: 1,
      district: english(),
      s41: false,
    };
  if (r < 0.97) return { type: stateType(), status: 2, district: english(), s41: false }; // closed
  return { type: 30, status: 1, district: pick(rnd, WELSH_DISTRICTS), s41: false }; // Welsh establishment
}

function schoolName(rnd: Rnd, type: number, district: string): string {
  const place = pick(rnd, PLACES);
  const feature = pick(rnd, FEATURES);
  if (district.startsWith('W')) return `Ysgol ${pick(rnd, ['Gynradd', 'Uwchradd', 'Gymraeg'])} ${pick(rnd, WELSH_PLACES)}`;
  switch (type) {
    case 2:
    case 3:
      return `${pick(rnd, SAINTS)} ${pick(rnd, ['Church of England Primary School', 'CofE Primary School', 'Catholic Primary School', 'RC Primary School', 'CofE Junior School'])}${rnd() < 0.3 ? `, ${place}` : ''}`;
    case 5:
      return pick(rnd, [`${place} High School`, `${feature} School`, `${place} Grammar School`]);
    case 7:
    case 33:
      return pick(rnd, [`${feature} School`, `${place} Special School`, `${feature} Academy`]);
    case 15:
      return `${place} Nursery School`;
    case 28:
    case 34:
      return pick(rnd, [
        `${place} Academy`,
        `${feature} Academy`,
        `${feature} Primary Academy`,
        `Harris Academy ${place}`,
        `Oasis Academy ${feature}`,
        `Ark ${feature} Academy`,
        `${place} ${pick(rnd, SAINTS)} Academy`,
      ]);
    case 35:
      return pick(rnd, [`${place} Free School`, `${feature} Free School`, `${place} Studio School`]);
    case 10:
    case 11:
      return pick(rnd, [`${feature} House School`, `${place} Preparatory School`, `${place} College`, `${feature} Independent Special School`]);
    case 37:
      return `British School of ${pick(rnd, ABROAD)}`;
    case 24:
      return `${place} Secure Children's Home School`;
    case 26:
      return `${place} Service Children's School`;
    case 29:
      return `${place} University Training School`;
    case 56:
      return `${place} Post-16 Centre`;
    default:
      return pick(rnd, [
        `${place} Primary School`,
        `${feature} Primary School`,
        `${place} Infant School`,
        `${place} Junior School`,
        `${feature} Community Primary School`,
        `${place} Community College`,
      ]);
  }
}

/**
 * `count` schools in URN order. The first 88% arrived with the first GIAS import (timestamps a second or two
 * apart); the rest opened later (new URNs, mostly academies), one import at a time up to `nowMs`. URNs start
 * at 115000 with random gaps, so they never meet the demo seed's (100000–111100).
 */
export function generateSchools(count: number, rnd: Rnd, nowMs: number): SchoolSeed[] {
  const firstImport = Math.round(count * 0.88);
  const lateOpenings = Array.from({ length: count - firstImport }, () => NEW_SCHOOLS_FROM_MS + rnd() * (nowMs - 30 * DAY_MS - NEW_SCHOOLS_FROM_MS)).sort(
    (a, b) => a - b,
  );
  let urn = 115000;
  const schools: SchoolSeed[] = [];
  for (let i = 0; i < count; i++) {
    urn += 1 + (rnd() < 0.35 ? 1 + Math.floor(rnd() * 3) : 0);
    const isNew = i >= firstImport;
    const g = giasProfile(rnd, isNew);
    const name = schoolName(rnd, g.type, g.district);
    const slug = name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const hasTutor = rnd() < 0.7;
    const tutor = `${pick(rnd, FIRST)} ${pick(rnd, LAST)}`;
    const createdMs = Math.round(isNew ? lateOpenings[i - firstImport] : GIAS_IMPORT_MS + i * 1500 + rnd() * 1000);
    // GIAS syncs touch most schools at some point after their creation.
    const updatedMs = rnd() < 0.35 ? createdMs : Math.round(createdMs + rnd() * Math.max(0, nowMs - DAY_MS - createdMs));
    const gias = { schoolTypeCode: g.type, schoolStatusCode: g.status, administrativeDistrictCode: g.district, section41Approved: g.s41 };
    schools.push({
      id: stableId(`school:${urn}`),
      urn: String(urn),
      name,
      school_type_code: g.type,
      school_status_code: g.status,
      administrative_district_code: g.district,
      section_41_approved: g.s41,
      primary_contact_email: `office@${slug}.sch.example`,
      secondary_contact_email: `head@${slug}.sch.example`,
      induction_tutor_name: hasTutor ? tutor : null,
      induction_tutor_email: hasTutor ? `${tutor.toLowerCase().replace(' ', '.')}@${slug}.sch.example` : null,
      createdMs,
      updatedMs,
      eligible: isEligible(gias),
      cipOnly: isCipOnly(gias),
      closed: g.status === 2,
    });
  }
  return schools;
}
