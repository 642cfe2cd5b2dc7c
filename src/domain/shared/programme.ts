/** The two programmes a token (and a lead provider's contract) can belong to (ARCHITECTURE.md §2.2). */
export type Programme = 'ecf' | 'npq';
export const isProgramme = (v: unknown): v is Programme => v === 'ecf' || v === 'npq';
