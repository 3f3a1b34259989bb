/**
 * The stages that hold real people's data, in the global or the China regions: their
 * table and logs are kept (complaints-stack.ts), their user pool is protected from
 * deletion, and their config may not keep placeholder addresses (stage-app.ts).
 */
export const productionStages: ReadonlySet<string> = new Set(['prod', 'prod-cn']);
