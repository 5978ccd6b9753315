import type { Logger } from 'pino';
import type { Viewer } from './auth/viewer';
import type { Admission } from './graphql/limits/admission';
import type { Loaders } from './graphql/loaders';
import type { Services } from './services';

/** Built per request: who is calling, the services, and this request's DataLoaders. */
export type Context = {
  viewer: Viewer;
  services: Services;
  loaders: Loaders;
  requestId: string;
  /** The request's logger: each line carries `req.id` and, once resolved, `operation` and `operationType`. */
  readonly log: Logger;
  /** Client address as Express sees it (honours TRUST_PROXY). */
  clientAddress: string;
  userAgent: string | null;
  /** The request as measured (and for an account, charged) before Apollo ran it, if it was. */
  admission?: Admission;
};
