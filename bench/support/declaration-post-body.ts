/** A training record the POST benches declare `started` for, dated at the start of its schedule's `started` milestone. */
export interface DeclarationCandidate {
  participant_id: string;
  participant_type: 'ect' | 'mentor';
  /** The milestone's start date, YYYY-MM-DD. */
  start: string;
}

/** The JSON body of POST /participant-declarations declaring `started` for the candidate (ECF). */
export function startedDeclarationBody(c: DeclarationCandidate): string {
  return JSON.stringify({
    data: {
      type: 'participant-declaration',
      attributes: {
        participant_id: c.participant_id,
        course_identifier: c.participant_type === 'ect' ? 'ecf-induction' : 'ecf-mentor',
        declaration_type: 'started',
        declaration_date: `${c.start}T12:00:00Z`,
      },
    },
  });
}
