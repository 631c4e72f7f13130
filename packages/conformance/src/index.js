// Public API of @feishu-hire/conformance.
export { runConformance, loadCases, loadSpec, fetchTenantToken, echoProblems, checkOptions, dummyInterviewId, nonexistentInterviewId, apiUrl } from './runner.js';
export { generateCases, mutations, flatten, sample, GENERATED_COMMENT, HANDLED_KEYWORDS, HANDLED_FORMATS, INTERVIEW_ID, TOKEN, UNKNOWN_PROPERTY } from './generate.js';
export { createResponseValidator, createDocAjv } from './validate.js';
export { toJUnit, escapeXml } from './junit.js';
export { CREDENTIAL_ENV, main, parseCli, USAGE } from './cli.js';
