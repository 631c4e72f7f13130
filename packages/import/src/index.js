// @feishu-hire/import: the programmatic side of feishu-hire-import.
export { main, parseCli, USAGE } from './cli.js';
export { importModel } from './model.js';
export { exportSchema, recordSchema } from './schema.js';
export { createRecordValidator, scanExport } from './validate.js';
export { openJournal, readJournal } from './journal.js';
export { planImport } from './plan.js';
export { applyPlan } from './apply.js';
export { createFeishu } from './feishu.js';
export { EXIT } from './run.js';
