// One wording for every broken rule, whoever validates (mock, conformance, client): "<field> <rule>", e.g.
// "body.interview_assessments[0].conclusion must be one of 1, 2, 3". No imports but formats.js: the client bundles it.
import { INTEGER_FORMATS } from './formats.js';

/** Turns an Ajv instance path ("/interview_assessments/0/conclusion") into "body.interview_assessments[0].conclusion". */
export function fieldPath(root, instancePath) {
  const segments = instancePath.split('/').slice(1).map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  return segments.reduce((path, s) => path + (/^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_$][\w$-]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`), root);
}

/** What the rule of one Ajv error requires, and the field it names (a missing or unknown property is its own field). */
function ruleOf(error) {
  const p = error.params ?? {};
  switch (error.keyword) {
    case 'required':
      return { child: p.missingProperty, rule: 'is required' };
    case 'additionalProperties':
      return { child: p.additionalProperty, rule: 'is not an allowed field' };
    case 'unevaluatedProperties':
      return { child: p.unevaluatedProperty, rule: 'is not an allowed field' };
    case 'enum':
      return { rule: `must be one of ${p.allowedValues.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v))).join(', ')}` };
    case 'type':
      return { rule: `must be of type ${[].concat(p.type).join(' or ')}` };
    case 'const':
      return { rule: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'format':
      return { rule: INTEGER_FORMATS[p.format] ? `must be ${INTEGER_FORMATS[p.format].rule} (format ${p.format})` : `must match format ${p.format}` };
    default:
      return { rule: error.message ?? `breaks the rule ${error.keyword}` };
  }
}

/** One Ajv error as `{ path, rule, message }`: the field (from `root`), the JSON Schema keyword, "<path> <rule>". */
export function describeError(root, error) {
  const { child, rule } = ruleOf(error);
  const base = fieldPath(root, error.instancePath ?? '');
  const path = child === undefined ? base : fieldPath(base, `/${String(child).replaceAll('~', '~0').replaceAll('/', '~1')}`);
  return { path, rule: error.keyword, message: `${path} ${rule}` };
}

/** Every Ajv error as one "; "-joined message, each phrase once. */
export function describeErrors(root, errors) {
  return [...new Set((errors ?? []).map((e) => describeError(root, e).message))].join('; ');
}
