import type { ParticipantActionRules } from '../generated/graphql.js';
import { single, type Resource } from '../shared/envelope.js';
import { MISSING_DATA_DETAIL, notFound, type Family } from '../shared/errors.js';
import { bodyAttributes, textAttr } from '../shared/params.js';
import type { RestRoute, RouteCall } from '../shared/router.js';
import type { SavedOperation } from '../shared/runtime.js';
import { CHANGE_ECF_PARTICIPANT_SCHEDULE, DEFER_ECF_PARTICIPANT, RESUME_ECF_PARTICIPANT, WITHDRAW_ECF_PARTICIPANT } from './participant-actions.operations.js';

/** How one API version wires the four participant actions. */
export interface ParticipantActionRoutesOptions<TShow, TVars extends Record<string, unknown> = { id: string }> {
  /** The participant resource path, e.g. `/api/v3/participants/ecf`; the actions are `{base}/:id/defer` etc. */
  base: string;
  /** Whose 400/404 wording the routes use. */
  family: Family;
  /** Whose rules and 422 messages the domain applies (`ecf` or `rect`). */
  rules: ParticipantActionRules;
  /** The version's saved show operation, run with the participant id the action returns and the acted-on course. */
  show: SavedOperation<TShow, TVars>;
  /** The show operation's variables (default `{ id }`; v1/v2 show the acted-on training record, one per course). */
  showVariables?: (id: string, courseIdentifier: string | undefined) => TVars;
  /** The version's serializer over the show result; null (participant not shown) answers the family's 404. */
  serialize: (data: TShow) => Resource | null;
}

/**
 * The change-schedule `cohort` as GraphQL's Int: a start year sent as text or a number; anything else is no
 * cohort, which the rules read as "keep the current one" (ecf.md §3.7, rect.md §7.5).
 */
export function cohortAttribute(v: unknown): number | null {
  const text = textAttr(v)?.trim() ?? '';
  return /^\d{4}$/.test(text) ? Number(text) : null;
}

/**
 * PUT `{base}/:id/defer|resume|withdraw|change-schedule` for one API version (ecf.md §3, rect.md §7.2–7.5): the body's
 * `data.attributes` (missing → the family's 400; other attributes are ignored), the action's saved mutation (it
 * returns the current participant id, so a retired id in the path still answers with the participant), then the
 * version's saved show operation and serializer. 404 for an unknown participant or one the caller does not train;
 * 422 with the rules' messages.
 */
export function participantActionRoutes<TShow, TVars extends Record<string, unknown> = { id: string }>(
  o: ParticipantActionRoutesOptions<TShow, TVars>,
): RestRoute[] {
  const respond = async (run: RouteCall['run'], id: string, courseIdentifier: string | undefined) => {
    const item = o.serialize(await run(o.show, o.showVariables ? o.showVariables(id, courseIdentifier) : ({ id } as unknown as TVars)));
    if (!item) throw notFound(o.family);
    return single(item);
  };
  const route = (action: string, handle: (call: RouteCall, attrs: Record<string, unknown>, id: string) => Promise<string>): RestRoute => ({
    method: 'put',
    path: `${o.base}/:id/${action}`,
    programmes: ['ecf'],
    family: o.family,
    async handle(call) {
      const attrs = bodyAttributes(call.req.body, MISSING_DATA_DETAIL[o.family]);
      return respond(call.run, await handle(call, attrs, String(call.req.params.id)), textAttr(attrs.course_identifier) ?? undefined);
    },
  });
  const course = (attrs: Record<string, unknown>) => textAttr(attrs.course_identifier);
  return [
    route('defer', async ({ run }, attrs, id) => {
      const data = await run(DEFER_ECF_PARTICIPANT, { id, input: { courseIdentifier: course(attrs), reason: textAttr(attrs.reason), rules: o.rules } });
      return data.deferEcfParticipant.id;
    }),
    route('resume', async ({ run }, attrs, id) => {
      const data = await run(RESUME_ECF_PARTICIPANT, { id, input: { courseIdentifier: course(attrs), rules: o.rules } });
      return data.resumeEcfParticipant.id;
    }),
    route('withdraw', async ({ run }, attrs, id) => {
      const data = await run(WITHDRAW_ECF_PARTICIPANT, { id, input: { courseIdentifier: course(attrs), reason: textAttr(attrs.reason), rules: o.rules } });
      return data.withdrawEcfParticipant.id;
    }),
    route('change-schedule', async ({ run }, attrs, id) => {
      const data = await run(CHANGE_ECF_PARTICIPANT_SCHEDULE, {
        id,
        input: {
          courseIdentifier: course(attrs),
          scheduleIdentifier: textAttr(attrs.schedule_identifier),
          cohort: cohortAttribute(attrs.cohort),
          rules: o.rules,
        },
      });
      return data.changeEcfParticipantSchedule.id;
    }),
  ];
}
