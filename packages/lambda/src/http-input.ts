import * as z from 'zod/mini';
import { BadRequestError } from '@platform/response';
import { useEnglishMessages } from '@platform/settings';

useEnglishMessages();

/** The parts of an API Gateway event (REST v1 or HTTP API v2) the http adapter reads. */
export interface HttpEventLike {
  body?: string | null;
  isBase64Encoded?: boolean;
  headers?: Record<string, string | undefined> | null;
  pathParameters?: Record<string, string | undefined> | null;
  queryStringParameters?: Record<string, string | undefined> | null;
  httpMethod?: string;
  path?: string;
  rawPath?: string;
  requestContext?: {
    http?: { method?: string; path?: string; sourceIp?: string };
    identity?: { sourceIp?: string | null } | null;
  };
}

/**
 * The client's address as API Gateway saw the connection: `requestContext.identity.sourceIp`
 * (REST) or `requestContext.http.sourceIp` (HTTP API). Never `X-Forwarded-For`, which the client
 * writes itself.
 */
export const sourceIpOf = (event: HttpEventLike): string | undefined => {
  const context = event.requestContext;
  const ip = context?.identity?.sourceIp ?? context?.http?.sourceIp;
  return typeof ip === 'string' && ip !== '' ? ip : undefined;
};

/** The raw input handed to the function's schema. */
export interface RawHttpInput {
  path: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

const defined = (record: Record<string, string | undefined> | null | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(record ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined));

/** Request headers with lower-cased names (API Gateway v1 keeps the client's case). */
export const lowerCaseHeaders = (event: HttpEventLike): Record<string, string> =>
  Object.fromEntries(Object.entries(defined(event.headers)).map(([name, value]) => [name.toLowerCase(), value]));

/** `application/json`, `application/problem+json`, ... (parameters such as charset allowed). */
const JSON_CONTENT_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;

/**
 * Decodes and parses the body: JSON when present, `undefined` when empty. Refuses a body whose
 * declared content type is not JSON, an oversize body, and malformed JSON.
 */
export const parseBody = (event: HttpEventLike, maxBodyBytes: number): unknown => {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const contentType = lowerCaseHeaders(event)['content-type'];
  if (contentType !== undefined && !JSON_CONTENT_TYPE.test(contentType)) {
    throw new BadRequestError(`Content-Type must be application/json, got ${contentType.split(';')[0]}`);
  }
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (raw.length > maxBodyBytes) {
    throw new BadRequestError(`Request body is too large (${raw.length} bytes; at most ${maxBodyBytes})`);
  }
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new BadRequestError('Request body is not valid JSON');
  }
};

/** One input problem, as the client sees it. */
export interface InputIssue {
  /** Where: `path.companyId`, `body.email`, ... */
  field: string;
  message: string;
}

/**
 * Validates raw input (an HTTP request's parts, a direct payload) with any Zod 4 schema (zod/mini
 * or classic); problems become a badRequest listing each field.
 */
export const validateInput = <S extends z.core.$ZodType>(schema: S, raw: unknown): z.output<S> => {
  const result = z.safeParse(schema, raw);
  if (result.success) return result.data;
  const issues: InputIssue[] = result.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
  const summary = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
  throw new BadRequestError(`Invalid request: ${summary}`, { data: { issues } });
};

/** Builds the raw input from an event. */
export const rawInput = (event: HttpEventLike, maxBodyBytes: number): RawHttpInput => ({
  path: defined(event.pathParameters),
  query: defined(event.queryStringParameters),
  body: parseBody(event, maxBodyBytes),
});
