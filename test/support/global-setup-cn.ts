/** The local system of stage `local-cn` (SMTP mail) for the `integration-cn` project (docs/testing.md). */
import type { TestProject } from 'vitest/node';
import { setupStage } from './global-setup';

export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return setupStage(project, 'local-cn');
}
