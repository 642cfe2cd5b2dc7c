import { ConfigError, loadConfig } from '../../src/server/config.js';

/** The ConfigError thrown for an environment, or a failure when none is thrown. */
function configErrorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('configuration (loadConfig)', () => {
  describe('defaults', () => {
    it('runs as development on port 3000 when nothing is set', () => {
      const config = loadConfig({});
      expect(config.appEnv).toBe('development');
      expect(config.port).toBe(3000);
    });

    it('allows 1000 requests per token per 300000 ms (5 minutes), and 1500 per IP', () => {
      const config = loadConfig({});
      expect(config.rateLimitMax).toBe(1000);
      expect(config.rateLimitWindowMs).toBe(300_000);
      expect(config.rateLimitIpMax).toBe(1500);
    });

    it('uses no external database or Redis, logs at info and keeps data under .data', () => {
      const config = loadConfig({});
      expect(config.databaseUrl).toBeUndefined();
      expect(config.redisUrl).toBeUndefined();
      expect(config.logLevel).toBe('info');
      expect(config.dataDir).toBe('.data');
    });

    it('bounds old-generation growth to 50% of the live heap unless HEAP_GROWING_PERCENT says otherwise (0: V8 default)', () => {
      expect(loadConfig({}).heapGrowingPercent).toBe(50);
      expect(loadConfig({ HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
      expect(loadConfig({ HEAP_GROWING_PERCENT: '100' }).heapGrowingPercent).toBe(100);
      expect(configErrorFor({ HEAP_GROWING_PERCENT: '-1' }).message).toBe('HEAP_GROWING_PERCENT must be a whole number between 0 and 1000; got "-1"');
      expect(configErrorFor({ HEAP_GROWING_PERCENT: '1001' }).message).toBe('HEAP_GROWING_PERCENT must be a whole number between 0 and 1000; got "1001"');
    });

    it('is silent by default in the test environment', () => {
      expect(loadConfig({ APP_ENV: 'test' }).logLevel).toBe('silent');
    });

    it('treats empty values as unset', () => {
      const config = loadConfig({ APP_ENV: '', PORT: '', RATE_LIMIT_MAX: '', DATABASE_URL: '', REDIS_URL: '', LOG_LEVEL: '' });
      expect(config).toMatchObject({ appEnv: 'development', port: 3000, rateLimitMax: 1000, databaseUrl: undefined, redisUrl: undefined, logLevel: 'info' });
    });

    it('has a fixed development token pepper outside production', () => {
      expect(loadConfig({}).tokenPepper).toBe(loadConfig({ APP_ENV: 'sandbox' }).tokenPepper);
      expect(loadConfig({}).tokenPepper.length).toBeGreaterThanOrEqual(32);
    });

    it('reads valid values as given', () => {
      const config = loadConfig({
        APP_ENV: 'sandbox',
        PORT: '8080',
        RATE_LIMIT_MAX: '5',
        RATE_LIMIT_WINDOW_MS: '60000',
        RATE_LIMIT_IP_MAX: '7',
        DATABASE_URL: 'postgresql://u@db:5432/lp',
        REDIS_URL: 'rediss://cache:6380',
        LOG_LEVEL: 'debug',
        DATA_DIR: '/tmp/lp',
        HEAP_GROWING_PERCENT: '25',
      });
      expect(config).toEqual({
        appEnv: 'sandbox',
        port: 8080,
        databaseUrl: 'postgresql://u@db:5432/lp',
        redisUrl: 'rediss://cache:6380',
        rateLimitMax: 5,
        rateLimitWindowMs: 60000,
        rateLimitIpMax: 7,
        logLevel: 'debug',
        dataDir: '/tmp/lp',
        tokenPepper: 'development-only-token-pepper-not-for-production',
        heapGrowingPercent: 25,
      });
    });

    it('accepts production with a TOKEN_PEPPER of at least 32 characters and uses it', () => {
      const pepper = 'p'.repeat(32);
      const config = loadConfig({ APP_ENV: 'production', TOKEN_PEPPER: pepper });
      expect(config.appEnv).toBe('production');
      expect(config.tokenPepper).toBe(pepper);
    });
  });

  describe('bad values stop start-up with a message naming the variable and what it accepts', () => {
    it('APP_ENV=staging', () => {
      expect(configErrorFor({ APP_ENV: 'staging' }).message).toBe('APP_ENV must be one of development | test | sandbox | production; got "staging"');
    });

    it('PORT=abc', () => {
      expect(configErrorFor({ PORT: 'abc' }).message).toBe('PORT must be a whole number between 1 and 65535; got "abc"');
    });

    it('PORT=0', () => {
      expect(configErrorFor({ PORT: '0' }).message).toBe('PORT must be a whole number between 1 and 65535; got "0"');
    });

    it('PORT=70000', () => {
      expect(configErrorFor({ PORT: '70000' }).message).toBe('PORT must be a whole number between 1 and 65535; got "70000"');
    });

    it('RATE_LIMIT_MAX=-1', () => {
      const message = configErrorFor({ RATE_LIMIT_MAX: '-1' }).message;
      expect(message).toMatch(/^RATE_LIMIT_MAX must be a whole number between 1 and \d+; got "-1"$/);
    });

    it('RATE_LIMIT_WINDOW_MS=1.5 and RATE_LIMIT_IP_MAX=0', () => {
      expect(configErrorFor({ RATE_LIMIT_WINDOW_MS: '1.5' }).message).toMatch(/^RATE_LIMIT_WINDOW_MS must be a whole number between 1 and \d+; got "1.5"$/);
      expect(configErrorFor({ RATE_LIMIT_IP_MAX: '0' }).message).toMatch(/^RATE_LIMIT_IP_MAX must be a whole number between 1 and \d+; got "0"$/);
    });

    it('DATABASE_URL=mysql://… names the protocol, not the URL (which may hold a password)', () => {
      const message = configErrorFor({ DATABASE_URL: 'mysql://root:secret@db:3306/lp' }).message;
      expect(message).toBe('DATABASE_URL must use postgres: or postgresql:; got "mysql:"');
      expect(message).not.toContain('secret');
    });

    it('REDIS_URL=not a url', () => {
      expect(configErrorFor({ REDIS_URL: 'not a url' }).message).toBe('REDIS_URL must be a URL (redis: or rediss:); got an unparseable value');
    });

    it('REDIS_URL=http://… has the wrong protocol', () => {
      expect(configErrorFor({ REDIS_URL: 'http://cache:6379' }).message).toBe('REDIS_URL must use redis: or rediss:; got "http:"');
    });

    it('LOG_LEVEL=loud', () => {
      expect(configErrorFor({ LOG_LEVEL: 'loud' }).message).toBe('LOG_LEVEL must be one of fatal | error | warn | info | debug | trace | silent; got "loud"');
    });

    it('production without TOKEN_PEPPER', () => {
      expect(configErrorFor({ APP_ENV: 'production' }).message).toBe('TOKEN_PEPPER must be set to at least 32 characters in production');
    });

    it('production with a TOKEN_PEPPER shorter than 32 characters', () => {
      expect(configErrorFor({ APP_ENV: 'production', TOKEN_PEPPER: 'p'.repeat(31) }).message).toBe(
        'TOKEN_PEPPER must be set to at least 32 characters in production',
      );
    });
  });
});
