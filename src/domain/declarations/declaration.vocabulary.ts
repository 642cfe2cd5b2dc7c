/** Declaration vocabulary shared by ECF and NPQ (ecf.md §4.7, npq.md §1.8). */

export const DECLARATION_TYPES = [
  'started',
  'retained-1',
  'retained-2',
  'retained-3',
  'retained-4',
  'completed',
  'extended-1',
  'extended-2',
  'extended-3',
] as const;
export type DeclarationType = (typeof DECLARATION_TYPES)[number];

/** Stored (underscored) states; the API dasherizes them (`awaiting-clawback`, `clawed-back`). */
export const DECLARATION_STATES = ['submitted', 'eligible', 'payable', 'paid', 'voided', 'ineligible', 'awaiting_clawback', 'clawed_back'] as const;
export type DeclarationState = (typeof DECLARATION_STATES)[number];

/** Holds the "one per participant, course and type" slot (the partial unique index's states). */
export const BILLABLE_OR_CHANGEABLE: readonly DeclarationState[] = ['submitted', 'eligible', 'payable', 'paid'];
export const BILLABLE: readonly DeclarationState[] = ['eligible', 'payable', 'paid'];
export const VOIDABLE: readonly DeclarationState[] = ['submitted', 'eligible', 'payable', 'ineligible'];
/** States in which `statement_id` names the payment statement. */
export const WITH_PAYMENT_STATEMENT: readonly DeclarationState[] = ['eligible', 'payable', 'paid', 'awaiting_clawback', 'clawed_back'];

export const dasherizeState = (state: DeclarationState): string => state.replace(/_/g, '-');

export const LINE_ITEM_STATES = ['eligible', 'payable', 'paid', 'voided', 'ineligible', 'awaiting_clawback', 'clawed_back'] as const;
export type LineItemState = (typeof LINE_ITEM_STATES)[number];
