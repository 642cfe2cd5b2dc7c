import {
  AcceptNpqApplicationDocument,
  ChangeNpqFundedPlaceDocument,
  ExportNpqApplicationsDocument,
  GetNpqApplicationDocument,
  ListNpqApplicationsDocument,
  RejectNpqApplicationDocument,
  type NpqApplicationSortField,
} from '../generated/graphql.js';
import { savedOperation } from '../shared/runtime.js';

// Documents: npq-applications.graphql; types: ../generated/graphql.ts (`npm run codegen`).
export const LIST_NPQ_APPLICATIONS = savedOperation(ListNpqApplicationsDocument);
export const GET_NPQ_APPLICATION = savedOperation(GetNpqApplicationDocument);
export const ACCEPT_NPQ_APPLICATION = savedOperation(AcceptNpqApplicationDocument);
export const REJECT_NPQ_APPLICATION = savedOperation(RejectNpqApplicationDocument);
export const CHANGE_NPQ_FUNDED_PLACE = savedOperation(ChangeNpqFundedPlaceDocument);
export const EXPORT_NPQ_APPLICATIONS = savedOperation(ExportNpqApplicationsDocument);

/** REST sort fields → NpqApplicationSortField values. */
export const NPQ_APPLICATION_SORT_FIELDS: Record<string, NpqApplicationSortField> = { created_at: 'createdAt', updated_at: 'updatedAt' };
