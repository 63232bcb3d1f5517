import type { Tree } from '@nx/devkit';

const CODEOWNERS = 'CODEOWNERS';
/** A GitLab section header: `[Services]`, `^[Optional]`, `[Workspace] @acme/team-platform`, `[Docs][2]`. */
const SECTION_HEADER = /^\^?\[([^\]]+)\]/;

/** One ownership line to add to a section of CODEOWNERS. */
export interface CodeownerEntry {
  /** The section's name, without brackets: `Services`. */
  section: string;
  /** The path, as GitLab expects it: `/services/billing-service/`. */
  path: string;
  /** The owner group: `@acme/team-billing`. */
  owner: string;
}

const isEntry = (line: string) => line.trim() !== '' && !line.trimStart().startsWith('#');
const pathOf = (line: string) => line.trim().split(/\s+/)[0] ?? '';

/**
 * Adds `<path> <owner>` to a section of the root CODEOWNERS (GitLab syntax), keeping the section's
 * paths sorted: the line goes before the first entry whose path sorts after it. Comments and the
 * other sections are left as they are. A path already listed in the section is not added twice; a
 * missing section (or file) is created at the end.
 *
 * @example
 * addCodeowner(tree, { section: 'Services', path: '/services/billing-service/', owner: '@acme/team-billing' });
 */
export const addCodeowner = (tree: Tree, entry: CodeownerEntry): void => {
  const text = tree.exists(CODEOWNERS) ? (tree.read(CODEOWNERS, 'utf-8') ?? '') : '';
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const line = `${entry.path} ${entry.owner}`;
  const start = lines.findIndex((l) => SECTION_HEADER.exec(l)?.[1] === entry.section);
  if (start === -1) {
    const separator = lines.length > 0 && lines[lines.length - 1] !== '' ? [''] : [];
    tree.write(CODEOWNERS, [...lines, ...separator, `[${entry.section}]`, line, ''].join('\n'));
    return;
  }
  const next = lines.findIndex((l, index) => index > start && SECTION_HEADER.test(l));
  const end = next === -1 ? lines.length : next;
  const entries = lines
    .map((l, index) => ({ l, index }))
    .filter(({ l, index }) => index > start && index < end && isEntry(l));
  if (entries.some(({ l }) => pathOf(l) === entry.path)) return;
  const after = entries.find(({ l }) => pathOf(l) > entry.path);
  const at = after ? after.index : (entries[entries.length - 1]?.index ?? start) + 1;
  lines.splice(at, 0, line);
  tree.write(CODEOWNERS, `${lines.join('\n')}\n`);
};
