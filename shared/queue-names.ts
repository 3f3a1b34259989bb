/**
 * The step queues, by name. `topology.queues` declares each one (consumer, batch size, ...);
 * the names alone live here so a state item's schema can name a pending hand-off's queue
 * without loading the whole topology into every step's bundle.
 */
export const queueNames = ['review', 'classify', 'assign', 'notify', 'escalate', 'directory-changes'] as const;

export type QueueName = (typeof queueNames)[number];
