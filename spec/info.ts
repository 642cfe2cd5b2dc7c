import type { OpenAPIV3 } from 'openapi-types';
import { SERVED_DECLARATION_WRITES, type DeclarationWrite } from './paths/participant-declarations.paths.js';

export type ApiVersion = 'v1' | 'v2' | 'v3';

/** What a reader needs before the first call, whatever the version. */
const OVERVIEW = `
One service answers for three lead-provider API families:

- **ECF** (training for early career teachers and their mentors) on \`/api/v1\`, \`/api/v2\` and \`/api/v3\`.
  Its v3 paths that only ECF has end in \`/ecf\`, for example \`/api/v3/partnerships/ecf\`.
- **NPQ** (National Professional Qualifications) on \`/api/v1\`, \`/api/v2\` and \`/api/v3\`.
- **RECT** (Register early career teachers, the successor of ECF) on \`/api/v3\` only, using the paths without
  the \`/ecf\` suffix, for example \`/api/v3/partnerships\`. ECF and RECT paths read and write the same data.

## Authentication

Send \`Authorization: Bearer <token>\` on every request (\`Token <token>\` is also accepted). A token belongs to exactly one lead provider and one
programme, \`ecf\` or \`npq\`; a provider working in both programmes holds one token for each. ECF tokens are used
on the ECF and RECT paths, NPQ tokens on the NPQ paths. Paths that both programmes share (\`/delivery-partners\`,
\`/statements\`) answer in the shape of the token's programme. A token used on an endpoint of the other programme
gets a 403, and so does an admin token (those are for \`/graphql\` only); a missing or unknown token gets a 401.

## Rate limit

Each token may make 1000 requests per 300000 ms (5 minutes), counted across the REST API and \`/graphql\`. The
window is fixed and belongs to the token: it starts at the token's first request, and the count resets 300
seconds later; the next request after that starts a new window. Windows are neither rolling nor aligned to the
clock. Requests without a valid token, and requests for these documents, are counted per IP address instead
(1500 per window).

Every response carries the IETF \`RateLimit\` header (\`"token"; r=<requests left>; t=<seconds until the window
resets>\`) and \`RateLimit-Policy\` (\`"token"; q=1000; w=300; …\`). A request over the limit gets a 429 with a
JSON error, \`Retry-After\` (seconds until the window resets) and both headers.

## Sandbox and time travel

The sandbox runs the same code as production on test data. Outside production only, the optional
\`X-With-Server-Date\` header (an RFC 3339 instant such as \`2025-01-10T10:42:00Z\`, or a date for midnight UTC)
makes the whole request run as if that were the current time, so rules that depend on today's date can be tried
ahead of time; records the request writes carry that time. The response repeats the instant in
\`X-With-Server-Date\`; a value that is not an instant, or falls outside the years 2000–2100, is a 400. Each
request has its own clock, and rate limiting keeps the real time. Production ignores the header.

## Conventions

Bodies are JSON. A single resource is returned as \`{"data": {"id", "type", "attributes"}}\` and a list as
\`{"data": [...]}\` with no \`meta\` or \`links\`. Ids are UUIDs that never change. Timestamps are RFC 3339 in UTC to
the whole second. Lists take \`page[page]\` (from 1) and \`page[per_page]\` (default 100, at most 3000) and are in a
stable order. Writes answer 200 with the resource.

## Errors

Errors use \`{"errors": [{"title", "detail"}]}\`, except a 401 (\`{"error": "HTTP Token: Access denied"}\`), a
404 for an NPQ token (\`{"error": "Resource not found"}\`) and an unexpected 500 (\`{"error": "Internal server
error"}\`). When the service cannot reach its database it answers 503 with a JSON error and \`Retry-After\`;
nothing was changed, and the request can be sent again. Every response carries an \`X-Request-Id\` header; quote
it when reporting a problem.
`.trim();

const WRITE_NAMES: Record<DeclarationWrite, string> = { create: 'submit', void: 'void', 'change-delivery-partner': 'change delivery partner (NPQ, v3)' };

/** The declaration operations served (both programmes), and the writes still to come. */
const declarationScope = (version: ApiVersion): string => {
  const served = SERVED_DECLARATION_WRITES.filter((w) => version === 'v3' || w !== 'change-delivery-partner').map((w) => WRITE_NAMES[w]);
  const later = (Object.keys(WRITE_NAMES) as DeclarationWrite[])
    .filter((w) => !SERVED_DECLARATION_WRITES.includes(w) && (version === 'v3' || w !== 'change-delivery-partner'))
    .map((w) => WRITE_NAMES[w]);
  const reads = version === 'v3' ? 'list, show' : 'list, show, CSV';
  return (
    `Participant declarations (${[reads, ...served].join(', ')}) for ECF and NPQ tokens, each in its programme's shape.` +
    (later.length ? ` The declaration writes ${later.join(', ')} arrive later.` : '')
  );
};
const V1_V2_SCOPE = (version: ApiVersion) =>
  `This version serves the ECF participants (list, CSV, show and the four actions, one row per training record; ECF ` +
  `tokens), the NPQ applications (list, show, accept, reject, change funded place, CSV${version === 'v2' ? ', enrolments CSV' : ''}), ` +
  `the NPQ participants (list, show, defer, resume, withdraw, change schedule) and participant outcomes (NPQ tokens) in the ` +
  `${version} shape. ${declarationScope(version)}`;

const SCOPE: Record<ApiVersion, string> = {
  v1: V1_V2_SCOPE('v1'),
  v2: V1_V2_SCOPE('v2'),
  v3: `This version serves delivery partners and statements (both programmes), schools and partnerships on
the ECF and RECT paths, and NPQ applications, NPQ participants and participant outcomes (NPQ tokens). ${declarationScope('v3')}`,
};

export function buildInfo(version: ApiVersion): OpenAPIV3.InfoObject {
  return {
    title: `Lead provider API ${version}`,
    version: `${version}.0.0`,
    description: `${SCOPE[version]}\n\n${OVERVIEW}`,
    contact: {
      name: 'Lead provider API support',
      email: 'lead-provider-api@example.education.gov.uk',
      url: 'https://sandbox.example.education.gov.uk/api/docs',
    },
    license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
  };
}

export const servers: OpenAPIV3.ServerObject[] = [
  { url: 'https://sandbox.example.education.gov.uk', description: 'Sandbox: test data, `X-With-Server-Date` honoured' },
  { url: 'https://api.example.education.gov.uk', description: 'Production: real data' },
];
