import type { TestProject } from 'vitest/node';
export default async function setup(project: TestProject) {
  project.provide('probe', { pid: process.pid });
  process.env.PROBE_ENV = 'from-global-setup';
  return async () => { console.log('teardown in', process.pid); };
}
declare module 'vitest' {
  export interface ProvidedContext { probe: { pid: number } }
}
