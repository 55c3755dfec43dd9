import type { Language } from '@jixiao/core/language.ts';
import type { Principal } from '@jixiao/core/principal.ts';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** API Gateway HTTP API, payload format 2.0, with a JWT authorizer (or none on public routes). */
export type ApiEvent = Omit<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'> & {
  requestContext: Omit<APIGatewayProxyEventV2WithJWTAuthorizer['requestContext'], 'authorizer'> & {
    authorizer?: APIGatewayProxyEventV2WithJWTAuthorizer['requestContext']['authorizer'];
  };
};
export type ApiResult = APIGatewayProxyStructuredResultV2;

/** What an operation gets: already authenticated, authorised and validated. */
export interface OperationRequest<Params = unknown, Query = unknown, Body = unknown> {
  principal: Principal;
  language: Language;
  requestId: string;
  params: Params;
  query: Query;
  body: Body;
  /** Server receipt time, ISO 8601. */
  receivedAt: string;
}

export interface OperationResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A file to download (an XLSX export): sent base64-encoded, as API Gateway wants binary bodies. */
export class FileBody {
  readonly bytes: Uint8Array;
  readonly contentType: string;
  readonly filename: string;
  constructor(bytes: Uint8Array, contentType: string, filename: string) {
    this.bytes = bytes;
    this.contentType = contentType;
    this.filename = filename;
  }
}

/**
 * Each operation declares the params/query/body types its route's schemas produce; the route
 * table guarantees the match at run time, so the map of operations erases them here.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above; validated by the route's schemas before the call
export type Operation = (request: OperationRequest<any, any, any>) => Promise<OperationResult>;
/** Public routes run without a principal. */
export type PublicOperation = (request: Omit<OperationRequest, 'principal'>) => Promise<OperationResult>;
