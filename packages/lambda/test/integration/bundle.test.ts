import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { build } from 'esbuild';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startLocalCloud, type LocalCloud } from '@platform/local-cloud';
import { lambdaContext } from '../fixtures/harness.js';

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;

/**
 * Bundles a handler the way serverless-esbuild does for a service (workspace packages resolved
 * from source through the @platform/source condition, no build of the packages first), then runs
 * the bundle against the local cloud.
 */
describe('a handler bundled with esbuild', () => {
  let cloud: LocalCloud;
  let dir: string;
  let handler: Handler;
  let bundleBytes = 0;

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0 });
    Object.assign(process.env, cloud.env, { STAGE: 'bundle' });
    const ssm = new SSMClient({ endpoint: cloud.endpoint, region: cloud.region });
    await ssm.send(
      new PutParameterCommand({ Name: '/platform/bundle/hello-service/greeting', Value: 'Hej', Type: 'String' }),
    );
    ssm.destroy();

    dir = await mkdtemp(join(tmpdir(), 'bundle-test-'));
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../fixtures/bundle/hello-handler.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      minify: true,
      conditions: ['@platform/source'],
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.contents ?? new Uint8Array();
    bundleBytes = code.byteLength;
    await writeFile(join(dir, 'handler.cjs'), code);
    handler = (createRequire(import.meta.url)(join(dir, 'handler.cjs')) as { handler: Handler }).handler;
  });
  afterAll(async () => {
    await cloud.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('bundles the workspace packages from source into one file', () => {
    expect(bundleBytes).toBeGreaterThan(10_000);
  });

  it('serves a request with settings read from Parameter Store', async () => {
    const result = await handler({ httpMethod: 'GET', pathParameters: { name: 'Ada' }, headers: {} }, lambdaContext());
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ status: 'success', message: 'OK', data: { message: 'Hej, Ada' } });
  });

  it('maps a domain error inside the bundle', async () => {
    const result = await handler(
      { httpMethod: 'GET', pathParameters: { name: 'nobody' }, headers: {} },
      lambdaContext(),
    );
    expect(result.statusCode).toBe(404);
  });

  it('answers invalid input in English with zod/mini alone in the bundle', async () => {
    const result = await handler(
      { httpMethod: 'GET', pathParameters: { name: 'x'.repeat(41) }, headers: {} },
      lambdaContext(),
    );
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body)).toMatchObject({
      status: 'badRequest',
      data: { issues: [{ field: 'path.name', message: 'Too big: expected string to have <=40 characters' }] },
    });
  });
});
