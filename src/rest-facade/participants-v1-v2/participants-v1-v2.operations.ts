import { GetEcfTrainingRecordDocument, ListEcfTrainingRecordsDocument } from '../generated/graphql.js';
import { savedOperation } from '../shared/runtime.js';

// Documents: participants-v1-v2.graphql; types: ../generated/graphql.ts (`npm run codegen`).
/** ECF v1/v2 participants: one row per training record (ecf.md §2.6). The CSV reads it in chunks by `after`. */
export const LIST_ECF_TRAINING_RECORDS = savedOperation(ListEcfTrainingRecordsDocument);
/**
 * One v1/v2 participant row by participant id: the ECT record when the person has both, or the record of the given
 * `participantType` (the v1/v2 action routes answer with the record they acted on).
 */
export const GET_ECF_TRAINING_RECORD = savedOperation(GetEcfTrainingRecordDocument);
