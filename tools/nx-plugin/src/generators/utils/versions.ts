/** Versions of third-party packages generated projects depend on: the ones the existing services use. */
export const VERSIONS = {
  zod: '^4.6.7',
  typesAwsLambda: '^8.10.164',
} as const;
