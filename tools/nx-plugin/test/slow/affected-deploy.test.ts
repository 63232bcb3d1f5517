import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { cloneWorkspace, type CommandResult, type WorkspaceClone } from '../support/workspace-clone.js';

/** `service → stage` for every "dry run: would deploy <service> to stage <stage>" line, sorted. */
const dryRunDeploys = (result: CommandResult): string[] =>
  [...result.output.matchAll(/dry run: would deploy (\S+) to stage ([a-z0-9-]+)/g)]
    .map((match) => `${match[1]} → ${match[2]}`)
    .sort();

/** Fails with the command's output, so a failure explains itself. */
const expectSuccess = (result: CommandResult) => {
  if (result.code !== 0) throw new Error(`nx exited with ${result.code}:\n${result.output.slice(-8000)}`);
};

const DRY_RUN = { PLATFORM_DEPLOY_DRY_RUN: 'true' };

/**
 * `nx affected:deploy`, the design card's spelling, in a git clone of the workspace: it must deploy
 * exactly what `nx affected -t deploy` deploys (dry run: packaged, reported, nothing sent to AWS),
 * take --base/--head and the stage like the deploy targets, and never deploy itself.
 */
describe('nx affected:deploy in a workspace clone', () => {
  let clone: WorkspaceClone;
  const touch = (path: string, text = '\n// touched by a test\n') => appendFile(join(clone.root, path), text);

  beforeAll(async () => {
    clone = await cloneWorkspace();
  });
  afterAll(async () => {
    await clone?.remove();
  });
  beforeEach(async () => {
    await clone.git('checkout', '--quiet', '--', '.');
  });

  it('deploys what nx affected -t deploy deploys, to $STAGE', async () => {
    await touch('services/fetch-service/src/settings.ts');
    const env = { ...DRY_RUN, STAGE: 'mr-7' };

    const reference = await clone.nx(['affected', '-t', 'deploy', '--base=HEAD', '--output-style=static'], env);
    // As in .gitlab-ci.yml: the outer `nx run` shows its task's output only with a static style.
    const alias = await clone.nx(['affected:deploy', '--base=HEAD', '--output-style=static'], env);

    expectSuccess(reference);
    expectSuccess(alias);
    expect(dryRunDeploys(reference)).toEqual(['fetch-service → mr-7']);
    expect(dryRunDeploys(alias)).toEqual(dryRunDeploys(reference));
  });

  it('takes --base and --head between commits, and --stage in place of STAGE', async () => {
    const before = (await clone.git('rev-parse', 'HEAD')).trim();
    await touch('packages/db/src/index.ts');
    await clone.git('commit', '--quiet', '-am', 'Touch @platform/db');
    await touch('services/risk-service/src/settings.ts'); // uncommitted: outside --head

    const result = await clone.nx(
      ['affected:deploy', `--base=${before}`, '--head=HEAD', '--stage', 'qa', '--output-style=static'],
      DRY_RUN,
    );

    await clone.git('reset', '--quiet', '--hard', before);
    expectSuccess(result);
    expect(dryRunDeploys(result)).toEqual(['auth-service → qa']);
  });

  it('deploys nothing, and succeeds, when nothing deployable changed', async () => {
    await touch('services/fetch-service/README.md');

    const result = await clone.nx(['affected:deploy', '--base=HEAD'], DRY_RUN);

    expectSuccess(result);
    expect(dryRunDeploys(result)).toEqual([]);
    expect(result.output).toContain('No tasks were run');
  });

  it('is never a deploy target itself, so nx affected -t deploy and run-many cannot pick it up', async () => {
    await touch('tools/affected/package.json', '\n');

    const affected = await clone.nx(['show', 'projects', '--affected', '-t', 'deploy', '--base=HEAD', '--json']);
    const deployable = await clone.nx(['show', 'projects', '--withTarget', 'deploy', '--json']);

    expectSuccess(affected);
    expectSuccess(deployable);
    expect(JSON.parse(affected.stdout)).toEqual([]);
    expect((JSON.parse(deployable.stdout) as string[]).sort()).toEqual([
      'auth-service',
      'fetch-service',
      'risk-service',
    ]);
  });

  it('excludes projects given with --without, and refuses --exclude, which nx run would swallow', async () => {
    await touch('services/fetch-service/src/settings.ts');

    const without = await clone.nx(
      ['affected:deploy', '--base=HEAD', '--without=fetch-service', '--output-style=static'],
      DRY_RUN,
    );
    const exclude = await clone.nx(['affected:deploy', '--base=HEAD', '--exclude=fetch-service'], DRY_RUN);

    expectSuccess(without);
    expect(dryRunDeploys(without)).toEqual([]);
    expect(without.output).toContain('--exclude=fetch-service');
    expect(exclude.code).not.toBe(0);
    expect(exclude.output).toContain('keeps these for itself');
    expect(exclude.output).not.toContain('nx run fetch-service:package');
  });

  it('refuses a --stage without a value, before running anything', async () => {
    await touch('services/fetch-service/src/settings.ts');

    const result = await clone.nx(['affected:deploy', '--base=HEAD', '--stage'], DRY_RUN);

    expect(result.code).not.toBe(0);
    expect(result.output).toContain('--stage needs a value');
    expect(result.output).not.toContain('nx run fetch-service:package');
  });
});
