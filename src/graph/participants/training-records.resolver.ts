import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { actingLeadProvider } from '../../domain/auth/caller.js';
import { findEcfTrainingRecord, listEcfTrainingRecords, type EcfTrainingRecordView } from '../../domain/participants/training-records.query.js';
import type { GraphContext } from '../shared/context.js';
import { AsLeadProviderInput, DEFAULT_PAGE, PageInput } from '../shared/inputs.js';
import { pagedListComplexity, pageResult } from '../shared/page.js';
import { ParticipantTypeEnum } from './participant.type.js';
import { EcfTrainingRecord, EcfTrainingRecordFilterInput, EcfTrainingRecordPage } from './training-record.type.js';

const AS = { nullable: true, description: 'Admin tokens only: the lead provider to act as (ECF programme).' } as const;

/** ECF participants one row per training record (the ECF v1/v2 shape, ecf.md §2.6). */
@Resolver(() => EcfTrainingRecord)
export class TrainingRecordsResolver {
  @Query(() => EcfTrainingRecordPage, {
    description:
      "The caller's ECF training records, one row per record (an ECT who is also a mentor appears twice, ECT first); by participant " +
      'createdAt, or by updatedAt when filtered by updatedSince.',
    complexity: pagedListComplexity,
  })
  async ecfTrainingRecords(
    @Ctx() ctx: GraphContext,
    @Arg('filter', () => EcfTrainingRecordFilterInput, { nullable: true, description: 'Which records to list.' }) filter?: EcfTrainingRecordFilterInput,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page; 100 rows of page 1 when omitted. With `after`, pages count from there.' })
    page?: PageInput,
    @Arg('after', () => String, { nullable: true, description: 'A row’s cursor: list only the rows behind it (a whole-list read that never skips a row).' })
    after?: string,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<EcfTrainingRecordPage> {
    const { leadProviderId } = actingLeadProvider(ctx.caller, 'ecf', as);
    const f = { cohorts: filter?.cohorts ?? undefined, updatedSince: filter?.updatedSince ?? undefined };
    const request = page ?? DEFAULT_PAGE;
    return pageResult(await listEcfTrainingRecords(ctx.em, leadProviderId, f, request, after ?? undefined), request);
  }

  @Query(() => EcfTrainingRecord, {
    nullable: true,
    description:
      'One training record the caller sees, by participant id (a retired id finds its successor): the given type, else the ECT record when the ' +
      'person has both; null otherwise.',
  })
  ecfTrainingRecord(
    @Ctx() ctx: GraphContext,
    @Arg('participantId', () => ID, { description: 'The participant id.' }) participantId: string,
    @Arg('participantType', () => ParticipantTypeEnum, { nullable: true, description: 'Which record; omitted = the ECT one if any, else the mentor one.' })
    participantType?: ParticipantTypeEnum,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<EcfTrainingRecordView | null> {
    const { leadProviderId } = actingLeadProvider(ctx.caller, 'ecf', as);
    return findEcfTrainingRecord(ctx.em, leadProviderId, participantId, participantType ?? undefined);
  }
}
