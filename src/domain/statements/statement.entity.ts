import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const STATEMENT_STATES = ['open', 'payable', 'paid'] as const;
export type StatementState = (typeof STATEMENT_STATES)[number];

/**
 * A monthly financial statement for one lead provider, cohort and programme (ecf.md §1.6,
 * npq.md §1.9). Only `outputFee` statements are listed by the API.
 */
export const StatementSchema = defineEntity({
  name: 'Statement',
  tableName: 'statements',
  properties: {
    id: p.uuid().primary(),
    leadProviderId: p.uuid(),
    cohortId: p.uuid(),
    programme: p.enum(['ecf', 'npq'] as const),
    month: p.integer(),
    year: p.integer(),
    /** API `cut_off_date`. */
    deadlineDate: p.date(),
    paymentDate: p.date(),
    outputFee: p.boolean().default(true),
    state: p.enum(STATEMENT_STATES).default('open'),
    markedAsPaidAt: p.datetime().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type Statement = InferEntity<typeof StatementSchema>;
