export { startTestCloud } from '@platform/local-cloud/testing';
export type { TestCloud } from '@platform/local-cloud/testing';
