import { describe, expect, it } from '@jest/globals';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { addCodeowner } from '../../src/generators/utils/codeowners.js';
import { codeownersSection, platformTree } from './fixtures/workspace.js';

describe('addCodeowner', () => {
  it('inserts a service line in sorted order within [Services]', () => {
    const tree = platformTree();
    const before = codeownersSection(tree, 'Services');

    addCodeowner(tree, { section: 'Services', path: '/services/billing-service/', owner: '@acme/team-billing' });

    const after = codeownersSection(tree, 'Services');
    expect(after).toContain('/services/billing-service/ @acme/team-billing');
    expect(after).toHaveLength(before.length + 1);
    expect(after).toEqual([...after].sort());
  });

  it('appends after the last entry when the path sorts last, before the next section', () => {
    const tree = platformTree();
    const packagesBefore = codeownersSection(tree, 'Packages');

    addCodeowner(tree, { section: 'Packages', path: '/packages/zeta/', owner: '@acme/team-platform' });

    const packages = codeownersSection(tree, 'Packages');
    expect(packages[packages.length - 1]).toBe('/packages/zeta/ @acme/team-platform');
    expect(packages.slice(0, -1)).toEqual(packagesBefore);
    expect(codeownersSection(tree, 'Services')).not.toContain('/packages/zeta/ @acme/team-platform');
  });

  it('changes nothing outside the section', () => {
    const tree = platformTree();
    const before = (tree.read('CODEOWNERS', 'utf-8') ?? '').split('\n');

    addCodeowner(tree, { section: 'Services', path: '/services/billing-service/', owner: '@acme/team-billing' });

    const after = (tree.read('CODEOWNERS', 'utf-8') ?? '').split('\n');
    expect(after.filter((line) => line !== '/services/billing-service/ @acme/team-billing')).toEqual(before);
  });

  it('does not add a path the section already lists', () => {
    const tree = platformTree();
    const before = tree.read('CODEOWNERS', 'utf-8');

    addCodeowner(tree, { section: 'Services', path: '/services/risk-service/', owner: '@acme/team-risk' });

    expect(tree.read('CODEOWNERS', 'utf-8')).toBe(before);
  });

  it('creates the file and the section when they are missing', () => {
    const tree = createTreeWithEmptyWorkspace();

    addCodeowner(tree, { section: 'Services', path: '/services/a-service/', owner: '@acme/team-a' });
    addCodeowner(tree, { section: 'Packages', path: '/packages/b/', owner: '@acme/team-platform' });

    expect(tree.read('CODEOWNERS', 'utf-8')).toBe(
      '[Services]\n/services/a-service/ @acme/team-a\n\n[Packages]\n/packages/b/ @acme/team-platform\n',
    );
  });

  it('recognises a section header that names a default owner', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('CODEOWNERS', '[Services] @acme/team-platform\n/services/x-service/ @acme/team-x\n');

    addCodeowner(tree, { section: 'Services', path: '/services/a-service/', owner: '@acme/team-a' });

    expect(tree.read('CODEOWNERS', 'utf-8')).toBe(
      '[Services] @acme/team-platform\n/services/a-service/ @acme/team-a\n/services/x-service/ @acme/team-x\n',
    );
  });
});
