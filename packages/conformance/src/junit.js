// Renders conformance results as JUnit XML (testsuites/testsuite/testcase/failure/skipped), as CI systems read it.

// XML 1.0 forbids most control characters even when escaped; they are replaced.
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text for an XML attribute or element. */
export function escapeXml(value) {
  return String(value)
    .replace(INVALID_XML, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** The `<testcase>` element of one result: unconfirmed results are skipped with their reason (`unconfirmed: ...`). */
function testcase(r, seconds) {
  const open = `    <testcase classname="${escapeXml(`conformance.${r.kind}`)}" name="${escapeXml(`${r.id} ${r.title}`)}" time="${seconds(r.durationMs ?? 0)}"`;
  if (r.status === 'passed') return [`${open}/>`];
  if (r.status === 'skipped' || r.status === 'unconfirmed') {
    const message = r.status === 'unconfirmed' ? `unconfirmed: ${r.reason}` : r.reason;
    return [`${open}>`, `      <skipped message="${escapeXml(message)}"/>`, '    </testcase>'];
  }
  const detail = [...r.problems, r.response?.logId ? `x-tt-logid: ${r.response.logId}` : ''].filter(Boolean).join('\n');
  return [`${open}>`, `      <failure message="${escapeXml(r.reason)}" type="ConformanceFailure">${escapeXml(detail)}</failure>`, '    </testcase>'];
}

/**
 * Returns a JUnit XML document for a run (`{ results, durationMs }` from runConformance). JUnit has no "unconfirmed":
 * such results are `<skipped message="unconfirmed: <reason>">` (counted in `skipped`), and their number is the
 * testsuite property `unconfirmed`.
 */
export function toJUnit({ results, durationMs = 0 }, { name = 'feishu-hire-conformance', timestamp = new Date() } = {}) {
  const count = (...statuses) => results.filter((r) => statuses.includes(r.status)).length;
  const seconds = (ms) => (ms / 1000).toFixed(3);
  const totals = `tests="${results.length}" failures="${count('failed')}" skipped="${count('skipped', 'unconfirmed')}" errors="0" time="${seconds(durationMs)}"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(name)}" ${totals}>`,
    `  <testsuite name="${escapeXml(name)}" ${totals} timestamp="${timestamp.toISOString().slice(0, 19)}">`,
    '    <properties>',
    `      <property name="unconfirmed" value="${count('unconfirmed')}"/>`,
    '    </properties>',
  ];
  for (const r of results) lines.push(...testcase(r, seconds));
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
