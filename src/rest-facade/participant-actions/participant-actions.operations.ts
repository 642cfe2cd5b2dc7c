import {
  ChangeEcfParticipantScheduleDocument,
  DeferEcfParticipantDocument,
  ResumeEcfParticipantDocument,
  WithdrawEcfParticipantDocument,
} from '../generated/graphql.js';
import { savedOperation } from '../shared/runtime.js';

// Documents: participant-actions.graphql; types: ../generated/graphql.ts (`npm run codegen`).
export const DEFER_ECF_PARTICIPANT = savedOperation(DeferEcfParticipantDocument);
export const RESUME_ECF_PARTICIPANT = savedOperation(ResumeEcfParticipantDocument);
export const WITHDRAW_ECF_PARTICIPANT = savedOperation(WithdrawEcfParticipantDocument);
export const CHANGE_ECF_PARTICIPANT_SCHEDULE = savedOperation(ChangeEcfParticipantScheduleDocument);
