import type { StatementFieldsFragment } from '../generated/graphql.js';
import type { components } from '../generated/openapi-v3.js';
import { resource } from '../shared/envelope.js';
import type { Programme } from '../shared/runtime.js';

type Schemas = components['schemas'];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** ECF v3 adds `type: "ecf"` after `year` (ecf.md §5); NPQ and RECT have no `type` (npq.md §2.2). */
export function serializeStatement(st: StatementFieldsFragment, programme: Programme): Schemas['Statement'] {
  const head = { month: MONTHS[st.month - 1], year: String(st.year) };
  const tail = {
    cohort: String(st.cohort),
    cut_off_date: st.cutOffDate,
    payment_date: st.paymentDate,
    paid: st.paid,
    created_at: st.createdAt,
    updated_at: st.updatedAt,
  };
  return resource<Schemas['Statement']>(
    'statement',
    st.id,
    programme === 'ecf'
      ? ({ ...head, type: 'ecf', ...tail } satisfies Schemas['EcfStatementAttributes'])
      : ({ ...head, ...tail } satisfies Schemas['NpqStatementAttributes']),
  );
}
