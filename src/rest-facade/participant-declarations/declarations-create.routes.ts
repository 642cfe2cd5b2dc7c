import { badRequest, MISSING_DATA_DETAIL } from '../shared/errors.js';
import { textAttr } from '../shared/params.js';
import type { RestRoute, RouteCall } from '../shared/router.js';
import { declarationResponse } from './declaration-response.js';
import { handleNpqDeclarationCreate } from './npq-declaration-create.handler.js';
import { RECORD_ECF_PARTICIPANT_DECLARATION } from './record-ecf-declaration.operations.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The body's `data.attributes` (ecf.md §4.1, npq.md §5.4): a missing or empty `data` is the family's 400 (Rails
 * `params.require(:data)`); `data` without `attributes` is an empty attribute set, which the rules answer with
 * their 422 (participant, date and type missing).
 */
function createAttributes(call: RouteCall): Record<string, unknown> {
  const data = (call.req.body as { data?: unknown } | undefined)?.data;
  if (!isObject(data) || Object.keys(data).length === 0) throw badRequest(MISSING_DATA_DETAIL[call.family]);
  return isObject(data.attributes) ? data.attributes : {};
}

/**
 * ECF create: the permitted attributes only (ecf.md §4.1: `has_passed` is accepted and ignored for ECF, others are
 * dropped), the saved mutation (every rule and message is the domain's), then the declaration in the version's
 * ECF shape (v3: the ECF v3 shape RECT clients read, ARCHITECTURE.md §2.2).
 */
async function handleEcfDeclarationCreate(call: RouteCall, attrs: Record<string, unknown>): Promise<unknown> {
  const data = await call.run(RECORD_ECF_PARTICIPANT_DECLARATION, {
    input: {
      participantId: textAttr(attrs.participant_id),
      courseIdentifier: textAttr(attrs.course_identifier),
      declarationType: textAttr(attrs.declaration_type),
      declarationDate: textAttr(attrs.declaration_date),
      evidenceHeld: textAttr(attrs.evidence_held),
    },
  });
  return declarationResponse(call, data.recordEcfParticipantDeclaration.id);
}

/** POST /api/v{1,2,3}/participant-declarations: one path, the token's programme picks the rules and the shape. */
export const participantDeclarationCreateRoutes: RestRoute[] = (['v1', 'v2', 'v3'] as const).map((version): RestRoute => ({
  method: 'post',
  path: `/api/${version}/participant-declarations`,
  programmes: ['ecf', 'npq'],
  family: 'by-token',
  async handle(call) {
    const attrs = createAttributes(call);
    return call.programme === 'npq' ? handleNpqDeclarationCreate(call, attrs) : handleEcfDeclarationCreate(call, attrs);
  },
}));
