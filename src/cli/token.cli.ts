import { parseArgs } from 'node:util';
import { cliBootstrap } from './bootstrap.js';
import { TokensService } from '../domain/auth/tokens.service.js';
import { DomainError } from '../domain/shared/domain-error.js';
import { fixedOffsetClock } from '../domain/shared/clock.js';

const USAGE = `Usage:
  npm run token -- create --lead-provider <name or id> --programme ecf|npq [--description <text>]
  npm run token -- create --admin [--description <text>]
  npm run token -- list
  npm run token -- revoke <token id>`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'lead-provider': { type: 'string' }, programme: { type: 'string' }, admin: { type: 'boolean' }, description: { type: 'string' } },
});
const [command, arg] = positionals;
if (!['create', 'list', 'revoke'].includes(command ?? '') || (command === 'revoke' && !arg)) {
  console.error(USAGE);
  process.exit(64);
}

const { config, db } = await cliBootstrap();
const tokens = new TokensService(config.tokenPepper);
const em = db.orm.em.fork();
const clock = fixedOffsetClock(() => new Date());
try {
  if (command === 'create') {
    const issued = values.admin
      ? await tokens.issueAdminToken(em, clock, values.description)
      : await tokens.issueLeadProviderToken(em, clock, values['lead-provider'] ?? '', values.programme ?? '', values.description);
    console.log(`Token ${issued.id} created. It is shown only now; store it safely:\n${issued.token}`);
  } else if (command === 'list') {
    for (const t of await tokens.list(em)) {
      const owner = t.kind === 'admin' ? 'admin' : `${t.leadProviderName} [${t.programme}]`;
      console.log(
        `${t.id}  ${owner.padEnd(40)} created ${t.createdAt.toISOString()}  last used ${t.lastUsedAt?.toISOString() ?? 'never'}  ${t.revokedAt ? `REVOKED ${t.revokedAt.toISOString()}` : 'active'}`,
      );
    }
  } else {
    await tokens.revoke(em, clock, arg);
    console.log(`Token ${arg} revoked.`);
  }
} catch (e) {
  if (e instanceof DomainError) {
    console.error(`${e.message}`);
    process.exitCode = 1;
  } else throw e;
} finally {
  await db.close();
}
process.exit(process.exitCode ?? 0);
