// Public API of @feishu-hire/conformance.
export { runConformance, loadCases, loadSpec, fetchTenantToken, checkOptions, nonexistentId, targetNames, apiUrl, describeControl } from './runner.js';
export { generateCases, generateControls, pathPlaceholder, mutations, flatten, sample, typeProbes, enumProbes, withListsOfTwo, GENERATED_COMMENT, HANDLED_KEYWORDS, HANDLED_FORMATS, TOKEN, EXPIRED_TOKEN, BARE_TOKEN, OTHER_SCHEME_TOKEN, UNKNOWN_PROPERTY } from './generate.js';
export { SEMANTICS, semanticsOf, echoProblems, clearedProblems } from './semantics.js';
export { namesField } from './evidence.js';
export { createVirtualClock, REAL_CLOCK, paceOf, PACE_SHARE } from './clock.js';
export { issueToken } from './http.js';
export { createResponseValidator, responseFor, mediaTypeMatches } from './validate.js';
export { toJUnit, escapeXml } from './junit.js';
export { CREDENTIAL_ENV, main, parseCli, USAGE } from './cli.js';
