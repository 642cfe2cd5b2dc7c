import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123070000Foundation } from './Migration20261123070000Foundation.js';
import { Migration20261123080000OneActivePartnership } from './Migration20261123080000OneActivePartnership.js';
import { Migration20261201090000ListProjections } from './Migration20261201090000ListProjections.js';
import { Migration20261215090000NpqApplications } from './Migration20261215090000NpqApplications.js';
import { Migration20261215100000Participants } from './Migration20261215100000Participants.js';
import { Migration20261216100000ParticipantActionAudits } from './Migration20261216100000ParticipantActionAudits.js';
import { Migration20261216120000RectParticipants } from './Migration20261216120000RectParticipants.js';
import { Migration20261216130000ParticipantTransfersUnfundedMentors } from './Migration20261216130000ParticipantTransfersUnfundedMentors.js';
import { Migration20261216150000NpqParticipants } from './Migration20261216150000NpqParticipants.js';
import { Migration20261216180000ParticipantEnrolmentProjection } from './Migration20261216180000ParticipantEnrolmentProjection.js';
import { Migration20261216190000RectParticipantsDefaultIndex } from './Migration20261216190000RectParticipantsDefaultIndex.js';
import { Migration20261217100000TrainingRecordKeys } from './Migration20261217100000TrainingRecordKeys.js';
import { Migration20261217120000ParticipantDeclarations } from './Migration20261217120000ParticipantDeclarations.js';
import { Migration20261217180000PartnershipStepsByInstant } from './Migration20261217180000PartnershipStepsByInstant.js';
import { Migration20261217130000DeclarationReads } from './Migration20261217130000DeclarationReads.js';
import { Migration20261218100000ParticipantListDays } from './Migration20261218100000ParticipantListDays.js';
import { Migration20261218110000AppendOnlyDayCounts } from './Migration20261218110000AppendOnlyDayCounts.js';

/** Committed migrations, applied in order at start-up. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261123070000Foundation', class: Migration20261123070000Foundation },
  { name: 'Migration20261123080000OneActivePartnership', class: Migration20261123080000OneActivePartnership },
  { name: 'Migration20261201090000ListProjections', class: Migration20261201090000ListProjections },
  { name: 'Migration20261215090000NpqApplications', class: Migration20261215090000NpqApplications },
  { name: 'Migration20261215100000Participants', class: Migration20261215100000Participants },
  { name: 'Migration20261216100000ParticipantActionAudits', class: Migration20261216100000ParticipantActionAudits },
  { name: 'Migration20261216120000RectParticipants', class: Migration20261216120000RectParticipants },
  { name: 'Migration20261216130000ParticipantTransfersUnfundedMentors', class: Migration20261216130000ParticipantTransfersUnfundedMentors },
  { name: 'Migration20261216150000NpqParticipants', class: Migration20261216150000NpqParticipants },
  { name: 'Migration20261216180000ParticipantEnrolmentProjection', class: Migration20261216180000ParticipantEnrolmentProjection },
  { name: 'Migration20261216190000RectParticipantsDefaultIndex', class: Migration20261216190000RectParticipantsDefaultIndex },
  { name: 'Migration20261217100000TrainingRecordKeys', class: Migration20261217100000TrainingRecordKeys },
  { name: 'Migration20261217120000ParticipantDeclarations', class: Migration20261217120000ParticipantDeclarations },
  { name: 'Migration20261217180000PartnershipStepsByInstant', class: Migration20261217180000PartnershipStepsByInstant },
  { name: 'Migration20261217130000DeclarationReads', class: Migration20261217130000DeclarationReads },
  { name: 'Migration20261218100000ParticipantListDays', class: Migration20261218100000ParticipantListDays },
  { name: 'Migration20261218110000AppendOnlyDayCounts', class: Migration20261218110000AppendOnlyDayCounts },
];
