// Public API of @feishu-hire/conformance.
export { runConformance, loadCases, loadSpec, fetchTenantToken, checkOptions, dummyInterviewId, nonexistentInterviewId, apiUrl } from './runner.js';
export { generateCases, pathPlaceholder, mutations, flatten, sample, GENERATED_COMMENT, HANDLED_KEYWORDS, HANDLED_FORMATS, TOKEN, UNKNOWN_PROPERTY } from './generate.js';
export { SEMANTICS, echoProblems } from './semantics.js';
export { createResponseValidator, responseFor } from './validate.js';
export { toJUnit, escapeXml } from './junit.js';
export { CREDENTIAL_ENV, main, parseCli, USAGE } from './cli.js';
