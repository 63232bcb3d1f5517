import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
/** Where the views' screenshots go: `npm run console:screenshots` points it at docs/console. */
const SHOTS = process.env.CONSOLE_SCREENSHOTS ?? join(tmpdir(), 'local-console-screenshots');

/** `npm start` as a developer runs it (any free AWS and console ports), and what it printed. */
const startLocalSystem = (): Promise<{
  child: ChildProcess;
  consoleUrl: string;
  endpoint: string;
  output: () => string;
}> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=@platform/source',
        'tools/local-system/src/cli.ts',
        '--port',
        '0',
        '--console-port',
        '0',
      ],
      { cwd: root, env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const consoleUrl = /Console\s+(http:\/\/\S+)/.exec(output)?.[1];
      const endpoint = /AWS endpoint\s+(http:\/\/\S+)/.exec(output)?.[1];
      if (consoleUrl && endpoint && output.includes('Press Ctrl-C'))
        resolve({ child, consoleUrl, endpoint, output: () => output });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`npm start exited with ${code} before it was up:\n${output}`)));
  });

const stopLocalSystem = async (child: ChildProcess | undefined): Promise<void> => {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
};

describe('the local console in headless Chromium, over `npm start`', () => {
  let system: Awaited<ReturnType<typeof startLocalSystem>> | undefined;
  let browser: Browser;
  let page: Page;
  let ssm: SSMClient;
  let sqs: SQSClient;
  const pageErrors: string[] = [];

  const view = async (name: string): Promise<void> => {
    await page.click(`[data-testid=nav-${name}]`);
    await page.waitForSelector(`main[data-view=${name}]`);
  };
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
  /** A call to a service at the URL `npm start` printed for it. */
  const api = async (service: 'risk-service' | 'auth-service', path: string, init: RequestInit = {}) => {
    const url = new RegExp(`^\\s+${service}\\s+(http://\\S+)`, 'm').exec(system?.output() ?? '')?.[1];
    if (!url) throw new Error(`npm start printed no URL for ${service}`);
    return fetch(`${url}${path}`, init);
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`);
    }
    mkdirSync(SHOTS, { recursive: true });
    system = await startLocalSystem();
    const aws = {
      endpoint: system.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    };
    ssm = new SSMClient(aws);
    sqs = new SQSClient(aws);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    // A refused setting is a 400 the browser reports as a failed load: expected, not a page error.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        pageErrors.push(message.text());
      }
    });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    ssm?.destroy();
    sqs?.destroy();
    await stopLocalSystem(system?.child);
  }, 60_000);

  it('shows a request to risk-service as an invocation, and its log lines across services by correlation id', async () => {
    // Arrange: the demo user of params/local.yml, a company never asked for
    await page.goto(system?.consoleUrl as string);
    await page.waitForSelector('main[data-view=functions]');
    const login = await api('auth-service', '/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'demo@example.com', password: 'local-demo-password', resource: 'risk-service' }),
    });
    const token = ((await login.json()) as { data: { accessToken: string } }).data.accessToken;

    // Act
    const asked = await api('risk-service', `/financial-risk/console-${Date.now()}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const correlationId = asked.headers.get('x-correlation-id') as string;

    // Assert: the invocation in the functions view
    expect(asked.status).toBe(202);
    const row = page.locator('[data-testid=function-row][data-function=risk-service-local-getCompanyRisk]');
    await row.waitFor({ timeout: 30_000 });
    await expect(Number(await row.locator('[data-testid=invocations]').textContent())).toBeGreaterThanOrEqual(1);
    // …and the fetch it caused reaches fetch-service and comes back (SQS both ways)
    await page
      .locator('[data-testid=function-row][data-function=risk-service-local-applyRiskUpdate]')
      .waitFor({ timeout: 60_000 });
    await shot('functions');

    // Assert: the request followed across services in the log view
    await view('logs');
    await page.fill('[data-testid=filter-correlation]', correlationId);
    await page.locator('[data-testid=log-line][data-service=fetch-service]').first().waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=log-line][data-service=risk-service]').first().waitFor({ timeout: 30_000 });
    const lines = await page.locator('[data-testid=log-line]').allTextContents();
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.every((line) => line.includes(correlationId))).toBe(true);
    await shot('logs');
  });

  it('peeks a DLQ message without consuming it', async () => {
    // Arrange: a message in risk-service's dead-letter queue
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'risk-service-local-risk-updates-dlq' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"companyId":"poison-from-the-console-test"}' }));

    // Act
    await view('queues');
    const row = page.locator('[data-testid=queue-row][data-queue=risk-service-local-risk-updates-dlq]');
    await row
      .locator('[data-testid=visible]')
      .filter({ hasText: /^[1-9]/ })
      .waitFor({ timeout: 10_000 });
    await row.locator('[data-testid=peek]').click();

    // Assert: shown, still there, never received
    await page.locator('[data-testid=message]', { hasText: 'poison-from-the-console-test' }).waitFor();
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    expect(Attributes).toMatchObject({ ApproximateNumberOfMessages: '1', ApproximateNumberOfMessagesNotVisible: '0' });
    expect(await row.locator('[data-testid=redrive]').isEnabled()).toBe(true);
    await shot('queues');
  });

  it('refuses an invalid setting with the reason, then applies a valid one', async () => {
    const name = '/platform/local/fetch-service/legacy/maxLatencyMs';
    await view('parameters');
    const form = page.locator('[data-testid=setting-form][data-service=fetch-service]');
    const secret = page.locator(
      '[data-testid=parameter-row][data-key="bootstrapAdmin/password"] [data-testid=parameter-value]',
    );
    await secret.waitFor();
    expect(await secret.textContent()).toBe('********');

    // Act: below minLatencyMs (200 in params/local.yml)
    await form.locator('[data-testid=setting-key]').fill('legacy/maxLatencyMs');
    await form.locator('[data-testid=setting-value]').fill('100');
    await form.locator('[data-testid=setting-save]').click();

    // Assert: the params CLI's reason, nothing written
    const answer = form.locator('[data-testid=setting-answer]');
    await answer.filter({ hasText: 'must not be below minLatencyMs' }).waitFor();
    expect((await ssm.send(new GetParameterCommand({ Name: name }))).Parameter?.Value).toBe('700');
    await form.scrollIntoViewIfNeeded();
    await shot('parameters-refused');

    // Act: a valid one
    await form.locator('[data-testid=setting-value]').fill('900');
    await form.locator('[data-testid=setting-save]').click();

    // Assert
    await answer.filter({ hasText: 'set legacy/maxLatencyMs = 900' }).waitFor();
    expect((await ssm.send(new GetParameterCommand({ Name: name }))).Parameter?.Value).toBe('900');
    await page.locator('[data-testid=parameter-row][data-key="legacy/maxLatencyMs"]', { hasText: '900' }).waitFor();
    await form.scrollIntoViewIfNeeded();
    await shot('parameters');
  });

  it('counts the risk table and browses its items', async () => {
    await view('tables');
    const row = page.locator('[data-testid=table-row][data-table=risk-service-local-risk]');
    await row
      .locator('[data-testid=item-count]')
      .filter({ hasText: /^[1-9]/ })
      .waitFor({ timeout: 10_000 });
    await row.locator('[data-testid=browse]').click();

    await page.locator('[data-testid=item]', { hasText: '"companyId":"console-' }).first().waitFor();
    await shot('tables');
    expect(pageErrors).toEqual([]);
  });
});
