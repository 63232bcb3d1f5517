import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { WORKSPACE_ROOT } from '../support/workspace-clone.js';

interface Project {
  dir: string;
  name: string;
  tags: string[];
}

/** Every workspace project with its Nx tags, from the package.json files. */
const readProjects = async (): Promise<Project[]> => {
  const projects: Project[] = [];
  const groups = await Promise.all(
    ['packages', 'services', 'tools'].map(async (group) =>
      (await readdir(join(WORKSPACE_ROOT, group), { withFileTypes: true }))
        .filter((entry) => entry.isDirectory())
        .map((entry) => `${group}/${entry.name}`),
    ),
  );
  for (const dir of [...groups.flat(), 'e2e']) {
    const manifest = await readFile(join(WORKSPACE_ROOT, dir, 'package.json'), 'utf8').catch(() => undefined);
    if (!manifest) continue;
    const { name, nx } = JSON.parse(manifest) as { name: string; nx?: { tags?: string[] } };
    projects.push({ dir, name, tags: nx?.tags ?? [] });
  }
  return projects;
};

/**
 * The owners GitLab applies to `path`: in each section the last matching pattern wins, and a
 * pattern without owners takes the section's default owners.
 */
const ownersOf = (codeowners: string, path: string): string[] => {
  const owners = new Set<string>();
  let sectionDefault: string[] = [];
  let sectionMatch: string[] | undefined;
  const flush = () => sectionMatch?.forEach((owner) => owners.add(owner));
  for (const raw of codeowners.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const section = /^\^?\[([^\]]+)\](?:\[\d+\])?\s*(.*)$/.exec(line);
    if (section) {
      flush();
      sectionMatch = undefined;
      sectionDefault = section[2] ? section[2].split(/\s+/) : [];
      continue;
    }
    const [pattern = '', ...lineOwners] = line.split(/\s+/);
    const matches = pattern.endsWith('/') ? `/${path}/`.startsWith(pattern) : `/${path}` === pattern;
    if (matches) sectionMatch = lineOwners.length > 0 ? lineOwners : sectionDefault;
  }
  flush();
  return [...owners];
};

describe('Ownership: CODEOWNERS and Nx tags', () => {
  let projects: Project[];
  let codeowners: string;

  beforeAll(async () => {
    projects = await readProjects();
    codeowners = await readFile(join(WORKSPACE_ROOT, 'CODEOWNERS'), 'utf8');
  });

  it('tags every project with one scope and one team', () => {
    const untagged = projects.filter(
      (project) =>
        project.tags.filter((tag) => tag.startsWith('scope:')).length !== 1 ||
        project.tags.filter((tag) => tag.startsWith('team:')).length !== 1,
    );

    expect(projects.length).toBeGreaterThan(10);
    expect(untagged.map((project) => project.dir)).toEqual([]);
  });

  it('tags services scope:service and packages scope:package', () => {
    for (const project of projects) {
      if (project.dir.startsWith('services/')) expect(project.tags).toContain('scope:service');
      if (project.dir.startsWith('packages/')) expect(project.tags).toContain('scope:package');
    }
  });

  it("gives every project exactly its team's group as code owner", () => {
    const mismatches = projects
      .map((project) => {
        const team = project.tags.find((tag) => tag.startsWith('team:'))?.slice('team:'.length);
        return {
          dir: project.dir,
          expected: [`@acme/team-${team}`],
          actual: ownersOf(codeowners, `${project.dir}/src/x.ts`),
        };
      })
      .filter(({ expected, actual }) => JSON.stringify(expected) !== JSON.stringify(actual));

    expect(mismatches).toEqual([]);
  });

  it('reads GitLab sections: the last match wins, section defaults apply', () => {
    const sample = ['[Docs] @docs', '/docs/', '[Code]', '/src/ @a', '/src/b/ @b'].join('\n');

    expect(ownersOf(sample, 'src/b/file.ts')).toEqual(['@b']);
    expect(ownersOf(sample, 'src/file.ts')).toEqual(['@a']);
    expect(ownersOf(sample, 'docs/guide.md')).toEqual(['@docs']);
    expect(ownersOf(sample, 'other.ts')).toEqual([]);
  });
});
