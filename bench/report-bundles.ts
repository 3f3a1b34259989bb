import { loadStageConfig } from '../shared/config/load-stage-config';
import { build } from 'esbuild';
import { bundleOptions, outputBytes } from './bundles';

/**
 * Bundle sizes of the report functions before they exist (issue #13 wires them): each is
 * built, as bench/bundles.ts builds every function, from an existing function of the same
 * shape plus the report modules it will call. `npx tsx bench/report-bundles.ts`; delete
 * once `monthly-report` and `transparency` are in shared/topology.ts and so in the bench.
 */
const wouldBe = {
  // A schedule function (calendar, table, logger) plus aggregates → report → CSV, mail, schema.
  'monthly-report': `export { handler } from './functions/sla-sweep';
export { buildReport } from './shared/domain/report';
export { reportPeriodAt, periodsEndingWith } from './shared/domain/report-period';
export { renderReportMail } from './shared/mail/report';
export { reportCsv } from './shared/reports/report-render';
export { reportSchema } from './shared/schemas/report';`,
  // The public pages function plus the summary and its page (no zod: the period is a regex).
  transparency: `export { handler } from './functions/public-pages';
export { buildTransparencySummary } from './shared/domain/report';
export { renderTransparencyPage } from './shared/web/transparency-page';`,
  // The workflow side: a step that also turns its case change into bucket updates.
  'classify-case + statistics': `export { handler } from './functions/classify-case';
export { updatesOfChange, updatesOfNotice } from './shared/domain/statistics';`,
  'charts alone': `export { trendChart, barChart, shareRing } from './shared/reports/charts';`,
};

async function main(): Promise<void> {
  const config = JSON.stringify(loadStageConfig('prod'));
  for (const [name, contents] of Object.entries(wouldBe)) {
    const result = await build({ ...bundleOptions(config), stdin: { contents, resolveDir: `${__dirname}/..`, sourcefile: `${name}.ts`, loader: 'ts' }, write: false });
    const bytes = outputBytes(result.metafile);
    console.log(`${name}: ${bytes} bytes`);
  }
}

void main();
