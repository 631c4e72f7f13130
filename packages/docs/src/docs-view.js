/** Path and method of the one operation the page documents. */
export const OPERATION_PATH = '/open-apis/hire/v1/external_interviews/{external_interview_id}';

/** The markdown table (header, rule and rows) inside a description. */
function markdownTable(description) {
  return (description ?? '').split('\n').filter((line) => line.startsWith('|')).join('\n');
}

/**
 * The spec as the page renders it: a copy of the bundled spec whose operation description also carries the error
 * table of `components.schemas.ErrorResponse` (Redoc shows no schema description of a response body, so the table
 * would otherwise never be on the page). Nothing else changes; the table text is the spec's own.
 */
export function docsView(openapi) {
  const view = structuredClone(openapi);
  const operation = view.paths?.[OPERATION_PATH]?.put;
  if (!operation) throw new Error(`docsView: the spec has no operation "PUT ${OPERATION_PATH}"`);
  const table = markdownTable(view.components?.schemas?.ErrorResponse?.description);
  if (!table) throw new Error('docsView: components.schemas.ErrorResponse.description has no markdown error table');
  if (!(operation.description ?? '').includes(table)) {
    operation.description = `${operation.description ?? ''}\n### Errors (错误码)\n\n${table}\n`;
  }
  return view;
}
