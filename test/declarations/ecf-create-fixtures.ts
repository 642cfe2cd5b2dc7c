import type { TestApp, TestResponse } from '../support/test-app.js';
import { addParticipants, createWorld, type PeriodSpec, type World } from '../participants/fixtures.js';
import { createStatement } from '../partnerships/fixtures.js';

export const MESSAGES = {
  notRecognised: "Your update cannot be made as the '#/participant_id' is not recognised. Check participant details and try again.",
  courseNotRecognised: "The entered '#/course_identifier' is not recognised for the given participant. Check details and try again.",
  dateBlank: "Enter a '#/declaration_date'.",
  typeBlank: "Enter a '#/declaration_type'.",
  future: "The '#/declaration_date' value cannot be a future date. Check the date and try again.",
  format: "Enter a valid RCF3339 '#/declaration_date'.",
  beforeStart: "Enter a '#/declaration_date' that's on or after the milestone start.",
  afterEnd: "Enter a '#/declaration_date' that's before the milestone end date.",
  notInSchedule: "The property '#/declaration_type' does not exist for this schedule.",
  slotTaken: 'A declaration has already been submitted that will be, or has been, paid for this event',
  mentorFunding:
    'You cannot send retained or extended declarations for participants who began their mentor training after June 2025. Resubmit this declaration with either a started or completed declaration.',
  evidenceBlank: "Enter a '#/evidence_held' value for this participant.",
  evidenceInvalid: "Enter an available '#/evidence_held' type for this participant's event and course.",
  contractEnded: (year: number) =>
    `You cannot submit or void declarations for the ${year} cohort. The funding contract for this cohort has ended. Get in touch if you need to discuss this with us`,
  withdrew: (at: string) => `This participant withdrew from this course on ${at}. Enter a '#/declaration_date' that's on or before the withdrawal date.`,
};

export const SLOT_TAKEN_BODY = { errors: [{ title: 'base', detail: MESSAGES.slotTaken }] };

export interface DeclarationWorld extends World {
  /** P's open output-fee statements (cohort → id), deadline 2027-04-30. */
  statements: Record<number, string>;
}

/** Two fresh providers (createWorld), P with an open output-fee statement in 2024 and 2025 whose deadline is ahead. */
export async function createDeclarationWorld(app: TestApp): Promise<DeclarationWorld> {
  const world = await createWorld(app);
  const statements: Record<number, string> = {};
  for (const cohort of [2024, 2025]) {
    statements[cohort] = await createStatement(app, {
      leadProviderId: world.P.id,
      cohort,
      month: 4,
      year: 2027,
      deadlineDate: '2027-04-30',
      paymentDate: '2027-05-25',
    });
  }
  return { ...world, statements };
}

export interface OneRecord {
  id: string;
  recordId: string;
}

/** One participant with one training record (ECT by default) on the given periods. */
export async function participantWith(
  app: TestApp,
  periods: PeriodSpec[],
  o: { type?: 'ect' | 'mentor'; trn?: string | null; fundingEligibility?: string | null; retiredIds?: string[] } = {},
): Promise<OneRecord> {
  const type = o.type ?? 'ect';
  const [created] = await addParticipants(app, [
    {
      trn: o.trn,
      retiredIds: o.retiredIds,
      records: [{ type, periods, fundingEligibility: o.fundingEligibility }],
    },
  ]);
  return { id: created.id, recordId: created[type]! };
}

export interface DeclarationAttributes {
  participant_id?: string | null;
  course_identifier?: string | null;
  declaration_type?: string | null;
  declaration_date?: string | null;
  evidence_held?: string | null;
  has_passed?: unknown;
}

export function postDeclaration(
  app: TestApp,
  token: string,
  attributes: DeclarationAttributes,
  o: { version?: 'v1' | 'v2' | 'v3'; serverDate?: string } = {},
): Promise<TestResponse> {
  return app.request('POST', `/api/${o.version ?? 'v3'}/participant-declarations`, {
    token,
    body: { data: { type: 'participant-declaration', attributes } },
    headers: o.serverDate ? { 'x-with-server-date': o.serverDate } : {},
  });
}

export const started = (participantId: string, date = '2024-10-01T10:00:00Z', course = 'ecf-induction'): DeclarationAttributes => ({
  participant_id: participantId,
  course_identifier: course,
  declaration_type: 'started',
  declaration_date: date,
});

export async function sql<T = any>(app: TestApp, text: string, params: unknown[] = []): Promise<T[]> {
  return app.db.orm.em.fork().execute<T[]>(text, params);
}
