import type { AwsCredentialIdentity } from '@aws-sdk/types';

/** Overrides for the shared clients; normally unset, so the SDK reads the standard environment. */
export interface AwsClientOptions {
  /** Endpoint override; by default the SDK honours `AWS_ENDPOINT_URL` (the local cloud sets it). */
  endpoint?: string;
  /** Region override; by default the SDK reads `AWS_REGION` (always set inside Lambda). */
  region?: string;
  credentials?: AwsCredentialIdentity;
  /** Attempts per call including the first, with the SDK's standard retry mode. Default 3. */
  maxAttempts?: number;
}

/** Connection and request timeouts of one client, in ms. */
export interface ClientTimeouts {
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
}
