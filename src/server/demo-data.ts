import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { seedDemoData } from '../domain/demo/seed-demo-data.js';
import { TokensService } from '../domain/auth/tokens.service.js';
import { listLeadProviders } from '../domain/lead-providers/lead-providers.service.js';
import { fixedOffsetClock } from '../domain/shared/clock.js';
import type { AppConfig } from './config.js';

export interface DemoTokens {
  leadProviders: { id: string; name: string; programmes: string[]; tokens: Record<string, string> }[];
  admin: { token: string };
}

export const demoTokensPath = (dataDir: string) => join(dataDir, 'demo-tokens.json');

/**
 * On an empty database (outside production): seed the demo data, issue one token per lead provider
 * and programme plus an admin token, print them and write them to `<dataDir>/demo-tokens.json`.
 */
export async function ensureDemoData(orm: MikroORM, config: AppConfig, log: Logger): Promise<DemoTokens | null> {
  const em = orm.em.fork();
  const [{ count }] = await em.execute<{ count: string }[]>('select count(*) from lead_providers');
  const file = demoTokensPath(config.dataDir);
  if (Number(count) > 0) {
    if (existsSync(file)) console.log(`Demo tokens: ${file}`);
    return null;
  }
  const clock = fixedOffsetClock(() => new Date());
  await seedDemoData(em, clock);
  const tokens = await issueDemoTokens(orm, config.tokenPepper);
  mkdirSync(config.dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(tokens, null, 2) + '\n', { mode: 0o600 });
  log.info({ file }, 'seeded demo data and issued demo tokens');
  console.log(`Demo data seeded. Tokens (shown once, also written to ${file}):`);
  for (const lp of tokens.leadProviders) for (const [p, t] of Object.entries(lp.tokens)) console.log(`  ${lp.name} [${p}]: ${t}`);
  console.log(`  admin: ${tokens.admin.token}`);
  return tokens;
}

export async function issueDemoTokens(orm: MikroORM, pepper: string): Promise<DemoTokens> {
  const em = orm.em.fork();
  const service = new TokensService(pepper);
  const clock = fixedOffsetClock(() => new Date());
  const leadProviders: DemoTokens['leadProviders'] = [];
  for (const lp of await listLeadProviders(em)) {
    const tokens: Record<string, string> = {};
    for (const p of lp.programmes) tokens[p] = (await service.issueLeadProviderToken(em, clock, lp.id, p, `Demo ${p} token for ${lp.name}`)).token;
    leadProviders.push({ id: lp.id, name: lp.name, programmes: lp.programmes, tokens });
  }
  const admin = await service.issueAdminToken(em, clock, 'Demo admin token');
  return { leadProviders, admin: { token: admin.token } };
}
