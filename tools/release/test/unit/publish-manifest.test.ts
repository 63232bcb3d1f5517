import { describe, expect, it } from '@jest/globals';
import { exportTargets, PublishManifestError, toPublishManifest, type WorkspacePackage } from '../../src/index.js';

const workspace = new Map<string, WorkspacePackage>([
  ['@platform/response', { version: '0.2.0', private: false }],
  ['@platform/settings', { version: '0.1.3', private: false }],
  ['@platform/local-cloud', { version: '0.1.0', private: true }],
]);

const lambda = {
  name: '@platform/lambda',
  version: '0.1.1',
  exports: {
    '.': { '@platform/source': './src/index.ts', types: './dist/index.d.ts', default: './dist/index.js' },
    './package.json': './package.json',
  },
  scripts: { build: 'tsc -p tsconfig.lib.json' },
  nx: { tags: ['scope:package'] },
  dependencies: { '@platform/response': '*', '@platform/settings': '*', zod: '^4.6.7' },
  devDependencies: { '@platform/local-cloud': '*' },
};

describe('toPublishManifest', () => {
  it('turns "*" workspace dependencies into caret ranges of their current versions', () => {
    const published = toPublishManifest(lambda, { workspace });

    expect(published.dependencies).toEqual({
      '@platform/response': '^0.2.0',
      '@platform/settings': '^0.1.3',
      zod: '^4.6.7',
    });
  });

  it('drops the source condition and the workspace-only fields', () => {
    const published = toPublishManifest(lambda, { workspace });

    expect(published.exports).toEqual({
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './package.json': './package.json',
    });
    expect(published).not.toHaveProperty('devDependencies');
    expect(published).not.toHaveProperty('scripts');
    expect(published).not.toHaveProperty('nx');
  });

  it('leaves the source manifest as it was', () => {
    const before = structuredClone(lambda);

    toPublishManifest(lambda, { workspace });

    expect(lambda).toEqual(before);
  });

  it('refuses a runtime dependency on a private workspace package', () => {
    const manifest = { ...lambda, dependencies: { '@platform/local-cloud': '*' } };

    expect(() => toPublishManifest(manifest, { workspace })).toThrow(PublishManifestError);
    expect(() => toPublishManifest(manifest, { workspace })).toThrow(/@platform\/local-cloud, a private workspace/);
  });

  it('refuses a private package', () => {
    expect(() => toPublishManifest({ ...lambda, private: true }, { workspace })).toThrow(/it is private/);
  });
});

describe('exportTargets', () => {
  it('lists every file an exports map points at', () => {
    const targets = exportTargets(toPublishManifest(lambda, { workspace }).exports);

    expect(targets).toEqual(['dist/index.d.ts', 'dist/index.js', 'package.json']);
  });
});
