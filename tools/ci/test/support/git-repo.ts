import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throw-away git repository with a linear history, for tests that resolve commits. */
export interface GitRepo {
  dir: string;
  /** Commits a file change and returns the new commit's SHA. */
  commit(message: string): string;
  git(...args: string[]): string;
  remove(): void;
}

export const createGitRepo = (): GitRepo => {
  const dir = mkdtempSync(join(tmpdir(), 'platform-ci-git-'));
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'ci test',
        GIT_AUTHOR_EMAIL: 'ci@test.invalid',
        GIT_COMMITTER_NAME: 'ci test',
        GIT_COMMITTER_EMAIL: 'ci@test.invalid',
      },
    }).trim();
  git('init', '--quiet', '--initial-branch=main');
  let count = 0;
  return {
    dir,
    git,
    commit: (message) => {
      count += 1;
      writeFileSync(join(dir, 'file.txt'), `${count}\n`);
      git('add', 'file.txt');
      git('commit', '--quiet', '-m', message);
      return git('rev-parse', 'HEAD');
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
};
