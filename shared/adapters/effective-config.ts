import type { MiddlewareObj } from '@middy/core';
import { runtimeSettings, useEffectiveConfig, type RuntimeSettings } from '../config/runtime';
import { overlay } from '../domain/directory';
import { readDirectory } from './directory-store';
import { logger } from './logger';

/**
 * The effective config (docs/administration.md): the stage config overlaid with the table's
 * directory, read at most once per `directoryTtlSeconds` (30 s) per container by the handler
 * wrappers, so an administrator's change reaches every function within a minute without a
 * deploy, and routing, visibility, deadlines and reports read `runtimeSettings().config` as before.
 */
let last: { settings: RuntimeSettings; at: number } | undefined;
let reading: Promise<void> | undefined;

/** Reads the directory again if this container's copy is older than the TTL (or `force`). */
export async function refreshDirectory(options: { force?: boolean; now?: number } = {}): Promise<void> {
  const settings = runtimeSettings();
  const now = options.now ?? Date.now();
  if (!options.force && last?.settings === settings && now - last.at < settings.directoryTtlSeconds * 1000) return;
  reading ??= (async () => {
    try {
      const directory = await readDirectory(settings.tableName, settings.stageConfig);
      useEffectiveConfig(directory.seeded ? overlay(settings.stageConfig, directory) : settings.stageConfig);
      last = { settings, at: now };
    } catch (error) {
      // The copy read before stays in use (or the stage config): a read that failed is tried at the next request.
      if (!last) throw error;
      logger.warn('Directory refresh failed; the last copy stays in use', { errorName: (error as Error).name });
    } finally {
      reading = undefined;
    }
  })();
  await reading;
}

/** After a change this container committed: its next request reads the directory again. */
export function forgetDirectory(): void {
  last = undefined;
}

/** The middleware of the handler wrappers (httpFunction, queueConsumer, scheduledFunction). */
export const effectiveConfig = (): MiddlewareObj => ({ before: async () => refreshDirectory() });
