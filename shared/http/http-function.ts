import { effectiveConfig } from '../adapters/effective-config';
import { httpStack, type HttpFunctionOptions, type HttpHandler } from './middleware';

/**
 * The middleware stack of an HTTP function, with the table's directory read into
 * `runtimeSettings().config` (docs/administration.md "Effective within a minute").
 */
export const httpFunction = (step: string, handler: HttpHandler, options: HttpFunctionOptions = {}) => httpStack(step, handler, options, effectiveConfig());
