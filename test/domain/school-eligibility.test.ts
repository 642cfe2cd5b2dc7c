import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../support/test-app.js';
import { CIP_ONLY_TYPE_CODES, eligibleSql, INELIGIBLE_TYPE_CODES, isCipOnly, isEligible } from '../../src/domain/schools/school-eligibility.js';

// ecf.md §1.3: eligible = open (status 1 or 3) AND in England (district starts with E/e or is 9999)
// AND (an eligible establishment type OR section 41 approved). cip_only = not eligible, open, type in {10, 11, 30, 37}.
// The TypeScript rules (partnership validation) and the SQL rule (school lists) must say the same thing.

interface Gias {
  schoolTypeCode: number;
  schoolStatusCode: number;
  administrativeDistrictCode: string;
  section41Approved: boolean;
}

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase({ seed: false });
});
afterAll(async () => tdb.drop());

/** Inserts the schools and reads `eligibleSql` back for each, in input order. */
async function sqlEligible(rows: Gias[]): Promise<boolean[]> {
  const em = tdb.db.orm.em.fork();
  const withIds = rows.map((r, i) => ({ ...r, id: randomUUID(), urn: `t${randomUUID().slice(0, 8)}${i}` }));
  await em.execute(
    `insert into schools (id, urn, name, school_type_code, school_status_code, administrative_district_code, section_41_approved, created_at, updated_at)
     select r.id, r.urn, 'School ' || r.urn, r."schoolTypeCode", r."schoolStatusCode", r."administrativeDistrictCode", r."section41Approved", now(), now()
       from jsonb_to_recordset(?::jsonb) as r(id uuid, urn text, "schoolTypeCode" int, "schoolStatusCode" int, "administrativeDistrictCode" text, "section41Approved" boolean)`,
    [JSON.stringify(withIds)],
  );
  const out = await em.execute<{ id: string; eligible: boolean }[]>(`select s.id, ${eligibleSql('s')} as eligible from schools s where s.id = any(?::uuid[])`, [
    `{${withIds.map((r) => r.id).join(',')}}`,
  ]);
  const byId = new Map(out.map((o) => [o.id, o.eligible]));
  return withIds.map((r) => byId.get(r.id)!);
}

const school = (o: Partial<Gias> = {}): Gias => ({
  schoolTypeCode: 1,
  schoolStatusCode: 1,
  administrativeDistrictCode: 'E09000001',
  section41Approved: false,
  ...o,
});

describe.each([
  ['an open English community school', school(), { eligible: true, cipOnly: false }],
  ['an open school proposed to close (status 3)', school({ schoolStatusCode: 3 }), { eligible: true, cipOnly: false }],
  ['a closed school (status 2)', school({ schoolStatusCode: 2 }), { eligible: false, cipOnly: false }],
  ['a school proposed to open (status 4)', school({ schoolStatusCode: 4 }), { eligible: false, cipOnly: false }],
  ['a school with a lower-case English district code', school({ administrativeDistrictCode: 'e06000001' }), { eligible: true, cipOnly: false }],
  ['a school with district 9999', school({ administrativeDistrictCode: '9999' }), { eligible: true, cipOnly: false }],
  ['a school with district 99999 (not 9999)', school({ administrativeDistrictCode: '99999' }), { eligible: false, cipOnly: false }],
  ['a school in Wales', school({ administrativeDistrictCode: 'W06000015' }), { eligible: false, cipOnly: false }],
  ['a school in Scotland', school({ administrativeDistrictCode: 'S12000033' }), { eligible: false, cipOnly: false }],
  ['an open English independent school (type 11)', school({ schoolTypeCode: 11 }), { eligible: false, cipOnly: true }],
  ['an open English independent school approved under section 41', school({ schoolTypeCode: 11, section41Approved: true }), { eligible: true, cipOnly: false }],
  ['a closed independent school', school({ schoolTypeCode: 11, schoolStatusCode: 2 }), { eligible: false, cipOnly: false }],
  [
    'an independent school in Wales (open, so CIP only)',
    school({ schoolTypeCode: 10, administrativeDistrictCode: 'W06000015' }),
    { eligible: false, cipOnly: true },
  ],
  ['a British school overseas (type 37)', school({ schoolTypeCode: 37 }), { eligible: false, cipOnly: true }],
  ['a secure unit (type 24: ineligible, not CIP only)', school({ schoolTypeCode: 24 }), { eligible: false, cipOnly: false }],
  ['a section 41 approved secure unit', school({ schoolTypeCode: 24, section41Approved: true }), { eligible: true, cipOnly: false }],
  [
    'a section 41 approved school in Wales',
    school({ schoolTypeCode: 1, section41Approved: true, administrativeDistrictCode: 'W06000015' }),
    { eligible: false, cipOnly: false },
  ],
])('%s', (_label, gias, expected) => {
  it(`is ${expected.eligible ? '' : 'not '}eligible, in TypeScript and in SQL`, async () => {
    expect({ ts: isEligible(gias), sql: (await sqlEligible([gias]))[0] }).toEqual({ ts: expected.eligible, sql: expected.eligible });
  });

  it(`is ${expected.cipOnly ? '' : 'not '}CIP only`, () => {
    expect(isCipOnly(gias)).toBe(expected.cipOnly);
  });
});

describe('TypeScript and SQL agree on every combination', () => {
  const statuses = [0, 1, 2, 3, 4];
  const districts = ['E09000001', 'e06000001', 'E', '9999', '99999', '999', 'W06000015', 'S12000033', 'N09000001', ' E09000001', 'XE0001', ''];
  const types = [
    ...new Set([
      1,
      2,
      3,
      5,
      7,
      8,
      12,
      14,
      15,
      18,
      28,
      33,
      34,
      35,
      36,
      38,
      39,
      40,
      41,
      42,
      43,
      44,
      45,
      46,
      57,
      ...INELIGIBLE_TYPE_CODES,
      ...CIP_ONLY_TYPE_CODES,
    ]),
  ];
  const table: Gias[] = [];
  for (const schoolStatusCode of statuses)
    for (const administrativeDistrictCode of districts)
      for (const schoolTypeCode of types)
        for (const section41Approved of [false, true]) table.push({ schoolStatusCode, administrativeDistrictCode, schoolTypeCode, section41Approved });

  it(`isEligible and eligibleSql give the same answer for all ${table.length} schools`, async () => {
    const sqlAnswers = await sqlEligible(table);
    const disagreements = table.map((g, i) => ({ ...g, ts: isEligible(g), sql: sqlAnswers[i] })).filter((d) => d.ts !== d.sql);
    expect(disagreements).toEqual([]);
    // The table exercises both answers.
    expect(new Set(sqlAnswers)).toEqual(new Set([true, false]));
  });

  it('a CIP-only school is never eligible in SQL, and is open', async () => {
    const cip = table.filter(isCipOnly);
    expect(cip.length).toBeGreaterThan(0);
    expect(new Set(await sqlEligible(cip))).toEqual(new Set([false]));
    expect(cip.every((g) => g.schoolStatusCode === 1 || g.schoolStatusCode === 3)).toBe(true);
  });
});
