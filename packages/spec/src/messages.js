// One wording for every broken rule, whoever validates (mock, conformance, client): "<field> <rule>", e.g.
// "body.interview_assessments[0].conclusion must be one of 1, 2, 3". No imports but formats.js: the client bundles it.
import { INTEGER_FORMATS } from './formats.js';

/**
 * The bounds of every validation report, whoever validates, so that no input, however deep or large, costs more than
 * its size to check or answers more than a few KB: `maxDepth` levels of objects and arrays within each other (the
 * spec's deepest body has 5), `maxIssues` issues listed before a validation stops, `maxMessageLength` characters of
 * a joined message.
 */
export const VALIDATION_LIMITS = Object.freeze({ maxDepth: 32, maxIssues: 20, maxMessageLength: 2000 });

/** `text` cut to at most `max` characters (ending with "…" when cut; never inside a surrogate pair). */
export function capMessage(text, max = VALIDATION_LIMITS.maxMessageLength) {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return (/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut) + '…';
}

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

/**
 * Joins issues into one message, each phrase once: at most `maxIssues` phrases (then a note that more were found)
 * and at most `maxMessageLength` characters ("" when there are none).
 */
export function joinIssues(issues, { maxIssues, maxMessageLength } = VALIDATION_LIMITS) {
  const phrases = new Set();
  let more = false;
  for (const { message } of issues) {
    if (phrases.has(message)) continue;
    if (phrases.size === maxIssues) {
      more = true;
      break;
    }
    phrases.add(message);
  }
  const note = more ? `; and more (a report lists the first ${maxIssues} issues)` : '';
  return capMessage([...phrases].join('; ') + note, maxMessageLength);
}

/** Every Ajv error as one "; "-joined message, each phrase once, bounded as joinIssues() bounds it. */
export function describeErrors(root, errors, limits = VALIDATION_LIMITS) {
  return joinIssues(describeEach(root, errors ?? []), limits);
}

/** Each error described when joinIssues() reaches it (it stops after its bound, so the rest cost nothing). */
function* describeEach(root, errors) {
  for (const error of errors) yield describeError(root, error);
}
