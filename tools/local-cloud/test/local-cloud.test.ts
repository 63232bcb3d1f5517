import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from '@jest/globals';
import { startLocalCloud } from '../src/index.js';

const post = (endpoint: string, headers: Record<string, string>, body: string): Promise<Response> =>
  fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', ...headers }, body });

describe('startLocalCloud', () => {
  it('serves a health check and the environment a process needs', async () => {
    const cloud = await startLocalCloud({ port: 0 });
    try {
      const health = await fetch(`${cloud.endpoint}/_local-cloud/health`);
      expect(await health.json()).toEqual({ status: 'ok', services: ['ssm', 'sqs', 'dynamodb'] });
      expect(cloud.env).toMatchObject({ AWS_ENDPOINT_URL: cloud.endpoint, AWS_REGION: 'us-east-1' });
      expect(cloud.env.DATABASE_URL).toBeUndefined();
    } finally {
      await cloud.stop();
    }
  });

  it('answers an unknown target and a request without one in the AWS error shape', async () => {
    const cloud = await startLocalCloud({ port: 0 });
    try {
      const unknown = await post(cloud.endpoint, { 'x-amz-target': 'AmazonKinesis.PutRecord' }, '{}');
      expect(unknown.status).toBe(400);
      expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });
      const unknownOp = await post(cloud.endpoint, { 'x-amz-target': 'AmazonSSM.LaunchRockets' }, '{}');
      expect(await unknownOp.json()).toMatchObject({ __type: 'UnknownOperationException' });
      const missing = await post(cloud.endpoint, {}, '{}');
      expect(missing.status).toBe(400);
      expect(((await missing.json()) as { __type: string }).__type).toBe('MissingAuthenticationTokenException');
      const health = await fetch(`${cloud.endpoint}/_local-cloud/health`);
      expect(health.status).toBe(200);
    } finally {
      await cloud.stop();
    }
  });

  it('rejects a body over the size limit without crashing', async () => {
    const cloud = await startLocalCloud({ port: 0 });
    try {
      const huge = JSON.stringify({ Name: '/x', Value: 'v'.repeat(5 * 1024 * 1024) });
      const response = await post(cloud.endpoint, { 'x-amz-target': 'AmazonSSM.PutParameter' }, huge);
      expect(response.status).toBe(413);
      expect(((await response.json()) as { __type: string }).__type).toBe('RequestEntityTooLarge');
      expect((await fetch(`${cloud.endpoint}/_local-cloud/health`)).status).toBe(200);
    } finally {
      await cloud.stop();
    }
  });

  it('fails clearly when its port is taken, leaving nothing running', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await expect(startLocalCloud({ port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      blocker.close();
    }
  });

  it('starts PostgreSQL when asked and stops it with the rest', async () => {
    const cloud = await startLocalCloud({ port: 0, postgres: {} });
    const dataDir = cloud.postgres?.dataDir;
    expect(cloud.env.DATABASE_URL).toBe(cloud.postgres?.url);
    await cloud.stop();
    expect(dataDir && existsSync(dataDir)).toBe(false);
    await expect(fetch(`${cloud.endpoint}/_local-cloud/health`)).rejects.toThrow();
  });
});
