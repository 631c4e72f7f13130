// Parameters (path, query, header) of an operation: their valid values and one invalid value per constraint.
// Parameter values travel as strings, so every value here is a string (or undefined: the parameter left out).
import { deref } from '@feishu-hire/spec/model';
import { enumProbes, flatten, HANDLED_KEYWORDS, notHandled, sample } from './mutations.js';

/** The parameter types the generator handles: a URL or header carries one scalar. */
const SCALAR_TYPES = ['string', 'integer', 'number', 'boolean'];

/** The field a rejection must name: `query.page_size`, `path.external_interview_id`, `header.x-name` (lower case). */
export function parameterField(param) {
  return `${param.in}.${param.in === 'header' ? param.name.toLowerCase() : param.name}`;
}

/** Throws naming the parameter and the field when a Parameter Object of `operation` uses one the generator does not handle (style, content, ...). */
export function assertParameterFields(doc, operation) {
  const pathItem = deref(doc, doc.paths[operation.path]);
  const nodes = [...(pathItem.parameters ?? []), ...(pathItem[operation.method.toLowerCase()].parameters ?? [])];
  for (const param of nodes.map((node) => deref(doc, node))) {
    const unknown = Object.keys(param).find((key) => !HANDLED_KEYWORDS.parameter.includes(key) && !key.startsWith('x-'));
    if (unknown) notHandled(parameterField(param), `parameter field "${unknown}"`);
  }
}

/** The flattened schema of a parameter; throws naming it when its type is not a scalar. */
function parameterSchema(doc, param) {
  const where = parameterField(param);
  const s = flatten(doc, param.schema, where);
  if (!SCALAR_TYPES.includes(s.baseType)) notHandled(where, `type ${JSON.stringify(s.type ?? 'none')} (parameters: ${SCALAR_TYPES.join(', ')})`);
  return s;
}

/** A valid value of a parameter: its example, else its schema's example or a sample, as a string. */
export function parameterValue(doc, param) {
  return String(param.example ?? sample(doc, param.schema, parameterField(param)));
}

/**
 * One mutation `{ rule, title, value }` per constraint of a parameter: left out when required (query, header: a
 * path parameter is always in the URL, its empty value is its minLength case), a value of another type, below,
 * between and above its enum, a fraction or an out-of-range number for an integer, too short, too long, below or above its bounds.
 */
export function parameterMutations(doc, param) {
  const s = parameterSchema(doc, param);
  const out = [];
  const add = (rule, title, value) => out.push({ rule, title, value });
  if (param.required && param.in !== 'path') add('required', 'required parameter missing', undefined);
  if (s.baseType !== 'string') add('type', `${s.baseType} sent as "abc"`, 'abc');
  for (const p of s.enum ? enumProbes(s.enum, s.baseType) : []) add(p.rule, p.title, String(p.value));
  if (s.baseType === 'integer') {
    add('fraction', 'fractional number for an integer', '1.5');
    if (s.format === 'int64' && !s.enum) add('int64-range', 'value 2^63 (9223372036854775808) above int64', '9223372036854775808');
    if (s.format === 'int32' && !s.enum) add('int32-range', 'value 2147483648 above int32', '2147483648');
  }
  if (s.baseType === 'string' && s.minLength > 0) add('minLength', `shorter than minLength ${s.minLength}`, 'x'.repeat(s.minLength - 1));
  if (s.baseType === 'string' && s.maxLength !== undefined) add('maxLength', `longer than maxLength ${s.maxLength}`, 'x'.repeat(s.maxLength + 1));
  if (typeof s.minimum === 'number') add('minimum', `below minimum ${s.minimum}`, String(s.minimum - 1));
  if (typeof s.maximum === 'number') add('maximum', `above maximum ${s.maximum}`, String(s.maximum + 1));
  return out;
}
