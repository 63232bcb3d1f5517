import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startHttpServer, type TestServer } from '@platform/local-cloud';
import { runNode } from './support/run-node.js';

const CLI = fileURLToPath(new URL('../bin/aws-oidc-credentials.mjs', import.meta.url));
const ROLE = 'arn:aws:iam::123456789012:role/gitlab-deploy-dev';

const answer = (
  accessKeyId: string,
) => `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult>
    <Credentials>
      <AccessKeyId>${accessKeyId}</AccessKeyId>
      <SecretAccessKey>s3cr3t'with/quote</SecretAccessKey>
      <SessionToken>FwoGZXIvYXdzEJr//token</SessionToken>
      <Expiration>2030-01-01T01:00:00Z</Expiration>
    </Credentials>
  </AssumeRoleWithWebIdentityResult>
</AssumeRoleWithWebIdentityResponse>`;

const refusal = `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code>
<Message>Couldn't retrieve verification key from your identity provider</Message></Error></ErrorResponse>`;

describe('aws-oidc-credentials.mjs', () => {
  let sts: TestServer;
  let refuse = false;
  const forms: URLSearchParams[] = [];

  beforeAll(async () => {
    sts = await startHttpServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += String(chunk);
      forms.push(new URLSearchParams(body));
      res.writeHead(refuse ? 400 : 200, { 'content-type': 'text/xml' });
      res.end(refuse ? refusal : answer('ASIAEXAMPLE'));
    });
  });
  afterEach(() => {
    forms.length = 0;
    refuse = false;
  });
  afterAll(() => sts.stop());

  const run = async (env: Record<string, string>) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
    return runNode(CLI, [], { ...clean, ...env });
  };
  const job = () => ({
    AWS_ROLE_ARN: ROLE,
    AWS_ID_TOKEN: 'eyJhbGciOiJSUzI1NiJ9.id-token',
    AWS_ENDPOINT_URL_STS: sts.url,
    CI_PROJECT_ID: '42',
    CI_JOB_ID: '1001',
  });

  it('exchanges the ID token for credentials that a shell can eval', async () => {
    // Act
    const result = await run(job());

    // Assess
    expect(result.status).toBe(0);
    expect(Object.fromEntries(forms[0] ?? [])).toEqual({
      Action: 'AssumeRoleWithWebIdentity',
      Version: '2011-06-15',
      RoleArn: ROLE,
      RoleSessionName: 'gitlab-42-1001',
      WebIdentityToken: 'eyJhbGciOiJSUzI1NiJ9.id-token',
      DurationSeconds: '3600',
    });
    const exported = execFileSync(
      'bash',
      ['-c', `${result.stdout}\nprintf '%s|%s|%s' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN"`],
      { encoding: 'utf8' },
    );
    expect(exported).toBe("ASIAEXAMPLE|s3cr3t'with/quote|FwoGZXIvYXdzEJr//token");
    expect(result.stderr).toContain(`assumed ${ROLE}`);
    expect(result.stderr).not.toContain('s3cr3t');
  });

  it("exits 1 with STS's reason when the role does not trust the token, printing no credentials", async () => {
    // Prepare
    refuse = true;

    // Act
    const result = await run(job());

    // Assess
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('InvalidIdentityToken');
    expect(result.stderr).not.toContain('id-token');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 naming what is missing when the job has no ID token', async () => {
    // Act
    const { AWS_ID_TOKEN: _token, ...withoutToken } = job();
    const result = await run(withoutToken);

    // Assess
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('AWS_ID_TOKEN not set');
    expect(forms).toHaveLength(0);
  });
});
