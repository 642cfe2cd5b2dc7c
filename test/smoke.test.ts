import { startTestApp, type TestApp } from './support/test-app.js';

describe('service start-up', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app.close());

  it('serves delivery partners to an ECF token', async () => {
    const res = await app.request('GET', '/api/v3/delivery-partners', { token: app.token('Ambition Institute', 'ecf') });
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeGreaterThan(0);
  });
});
