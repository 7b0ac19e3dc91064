import { EnvValidationError, loadEnv } from './load-env';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/hub',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(32),
};

describe('loadEnv', () => {
  it('returns typed defaults for a minimal environment', () => {
    const env = loadEnv({ ...valid });
    expect(env).toMatchObject({ apiPort: 3000, workerPort: 3001, meili: null, redisPrefix: 'hub', jwt: { ttlSeconds: 900, refreshTtlDays: 30 }, retention: { closedRequestDays: 180 }, loginRateLimit: { limit: 10, windowSeconds: 60 } });
  });

  it('names every missing or malformed variable at once', () => {
    try {
      loadEnv({ REDIS_URL: 'http://nope', JWT_SECRET: 'short', PORT: 'eighty' });
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(EnvValidationError);
      const message = (error as Error).message;
      for (const name of ['DATABASE_URL is missing', 'REDIS_URL', 'JWT_SECRET', 'PORT']) expect(message).toContain(name);
    }
  });

  it('requires MEILI_MASTER_KEY only when MEILI_URL is set', () => {
    expect(() => loadEnv({ ...valid, MEILI_URL: 'http://meilisearch:7700' })).toThrow(/MEILI_MASTER_KEY/);
    expect(loadEnv({ ...valid, MEILI_URL: 'http://meilisearch:7700', MEILI_MASTER_KEY: 'k' }).meili).toEqual({ url: 'http://meilisearch:7700', masterKey: 'k', index: 'hub_documents' });
    expect(loadEnv({ ...valid, MEILI_URL: 'http://m:7700', MEILI_MASTER_KEY: 'k', MEILI_INDEX: 'docs_2' }).meili?.index).toBe('docs_2');
    expect(() => loadEnv({ ...valid, MEILI_URL: 'http://m:7700', MEILI_MASTER_KEY: 'k', MEILI_INDEX: 'bad name!' })).toThrow(/MEILI_INDEX/);
    expect(() => loadEnv({ ...valid, OUTBOX_POLL_MS: '10' })).toThrow(/OUTBOX_POLL_MS must be at least 50/);
    expect(loadEnv({ ...valid, OUTBOX_POLL_MS: '250' }).outboxPollMs).toBe(250);
    expect(loadEnv({ ...valid, MEILI_MASTER_KEY: 'ignored' }).meili).toBeNull();
  });

  it('parses numbers from strings', () => {
    expect(loadEnv({ ...valid, PORT: '8080', JWT_TTL_SECONDS: '300' })).toMatchObject({ apiPort: 8080, jwt: { ttlSeconds: 300 } });
  });

  it('disables mail without SMTP_URL and validates the mail settings', () => {
    expect(loadEnv({ ...valid }).notifications).toEqual({ smtpUrl: null, mailFrom: 'Hub Match <no-reply@hubmatch.local>', reminderHours: 48 });
    expect(loadEnv({ ...valid, SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'Hub <hub@example.org>', MEETING_REQUEST_REMINDER_HOURS: '24' }).notifications).toEqual({
      smtpUrl: 'smtp://127.0.0.1:2525',
      mailFrom: 'Hub <hub@example.org>',
      reminderHours: 24,
    });
    expect(loadEnv({ ...valid, SMTP_URL: 'smtps://user:secret@mail.example.org:465' }).notifications.smtpUrl).toBe('smtps://user:secret@mail.example.org:465');
    expect(() => loadEnv({ ...valid, SMTP_URL: 'http://mail:25' })).toThrow(/SMTP_URL must be an smtp/);
    expect(() => loadEnv({ ...valid, MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM/);
    expect(() => loadEnv({ ...valid, MEETING_REQUEST_REMINDER_HOURS: '0' })).toThrow(/MEETING_REQUEST_REMINDER_HOURS must be at least 1/);
  });
});
