export { createNodesV2, publishTarget, PUBLISH_TARGET } from './publish-target.js';
export { toPublishManifest, exportTargets, PublishManifestError } from './publish-manifest.js';
export type { PackageManifest, PublishManifestOptions, WorkspacePackage } from './publish-manifest.js';
