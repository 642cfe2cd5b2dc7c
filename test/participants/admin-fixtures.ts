import type { TestApp } from '../support/test-app.js';
import { gql, type GraphResult } from '../npq/npq-fixtures.js';
import { sql } from '../partnerships/fixtures.js';

/** The admin participant operations (src/graph/admin/admin-participants.resolver.ts) as the school-facing service calls them. */
const RESULT = 'id fullName teacherReferenceNumber email ectTrainingRecordId mentorTrainingRecordId retiredParticipantIds updatedAt';
export const OPERATIONS = {
  registerEcfParticipant: 'RegisterEcfParticipantInput',
  assignEcfMentor: 'AssignEcfMentorInput',
  recordEcfSchoolMove: 'RecordEcfSchoolMoveInput',
  changeEcfFundingEligibility: 'ChangeEcfFundingEligibilityInput',
  completeEcfTraining: 'CompleteEcfTrainingInput',
  mergeEcfParticipants: 'MergeEcfParticipantsInput',
} as const;
export type Operation = keyof typeof OPERATIONS;

export interface AdminParticipant {
  id: string;
  fullName: string;
  teacherReferenceNumber: string | null;
  email: string | null;
  ectTrainingRecordId: string | null;
  mentorTrainingRecordId: string | null;
  retiredParticipantIds: string[];
  updatedAt: string;
}

/** Runs one admin operation with `token` (the admin token unless told otherwise). */
export const call = (app: TestApp, op: Operation, input: Record<string, unknown>, token = app.tokens.admin.token, headers: Record<string, string> = {}) =>
  gql(app, token, `mutation($input: ${OPERATIONS[op]}!) { ${op}(input: $input) { ${RESULT} } }`, { input }, headers);

/** Runs one admin operation that must succeed. */
export async function ok(app: TestApp, op: Operation, input: Record<string, unknown>, headers: Record<string, string> = {}): Promise<AdminParticipant> {
  const res: GraphResult = await call(app, op, input, undefined, headers);
  if (res.errors) throw new Error(`${op} failed: ${JSON.stringify(res.errors)}`);
  return res.data[op] as AdminParticipant;
}

// The demo seed's TRNs are 3,000,000–3,100,000.
let trnCounter = 5_000_000 + Math.floor(Math.random() * 4_000_000);
/** A TRN no other test participant has. */
export const freshTrn = (): string => String(++trnCounter);

export const DAY = 86_400_000;
/** The calendar date `days` from today (UTC). */
export const dayFromToday = (days: number): string => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

export interface Registration {
  schoolId: string;
  cohort?: number;
  participantType?: 'ect' | 'mentor';
  trn?: string | null;
  fullName?: string;
  email?: string;
  dateOfBirth?: string | null;
  inductionStartDate?: string | null;
  startDate?: string | null;
}

/** Registers a participant (2024 ECT starting 2024-09-02, fresh TRN, magic 2024 ECT date of birth unless told otherwise). */
export function register(app: TestApp, r: Registration, headers: Record<string, string> = {}): Promise<AdminParticipant> {
  const type = r.participantType ?? 'ect';
  return ok(
    app,
    'registerEcfParticipant',
    {
      cohort: 2024,
      participantType: type,
      trn: freshTrn(),
      fullName: 'Registered Teacher',
      email: `teacher-${trnCounter}@school.example`,
      dateOfBirth: type === 'ect' ? '1900-01-24' : '1900-01-01',
      startDate: '2024-09-02',
      ...r,
    },
    headers,
  );
}

export const PINNED = '2025-06-01T00:00:00Z';
/**
 * Pins the participants' projection rows' updated_at (and their v1/v2 list keys', which carry it), so a test sees
 * exactly which providers' rows an operation moves.
 */
export async function pinUpdatedAt(app: TestApp, participantIds: string[]): Promise<void> {
  for (const table of ['participant_provider_views', 'training_record_keys']) {
    await sql(app, `update ${table} set updated_at = ? where participant_id = any(?::uuid[])`, [PINNED, `{${participantIds.join(',')}}`]);
  }
}

/** GET /api/v3/participants/ecf/{id} with a provider's token: the resource, or null on 404. */
export async function restShow(app: TestApp, token: string, id: string, headers: Record<string, string> = {}): Promise<any> {
  const res = await app.request('GET', `/api/v3/participants/ecf/${id}`, { token, headers });
  if (res.status === 404) return null;
  if (res.status !== 200) throw new Error(`show ${id}: ${res.status} ${res.text}`);
  return res.body.data;
}

/** The ids of GET /api/v3/participants/ecf (one page of 3000). */
export async function restIds(app: TestApp, token: string): Promise<string[]> {
  const res = await app.request('GET', '/api/v3/participants/ecf?page%5Bper_page%5D=3000', { token });
  if (res.status !== 200) throw new Error(`list: ${res.status} ${res.text}`);
  return res.body.data.map((d: { id: string }) => d.id);
}

/** The provider-visible updated_at of a participant (REST show), or null when not visible. */
export const updatedAt = async (app: TestApp, token: string, id: string): Promise<string | null> =>
  ((await restShow(app, token, id)) as { attributes: { updated_at: string } } | null)?.attributes.updated_at ?? null;
