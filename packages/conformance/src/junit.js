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

/** Returns a JUnit XML document for a run (`{ results, durationMs }` from runConformance). */
export function toJUnit({ results, durationMs = 0 }, { name = 'feishu-hire-conformance', timestamp = new Date() } = {}) {
  const count = (s) => results.filter((r) => r.status === s).length;
  const seconds = (ms) => (ms / 1000).toFixed(3);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(name)}" tests="${results.length}" failures="${count('failed')}" skipped="${count('skipped')}" errors="0" time="${seconds(durationMs)}">`,
    `  <testsuite name="${escapeXml(name)}" tests="${results.length}" failures="${count('failed')}" skipped="${count('skipped')}" errors="0" time="${seconds(durationMs)}" timestamp="${timestamp.toISOString().slice(0, 19)}">`,
  ];
  for (const r of results) {
    const open = `    <testcase classname="${escapeXml(`conformance.${r.kind}`)}" name="${escapeXml(`${r.id} ${r.title}`)}" time="${seconds(r.durationMs ?? 0)}"`;
    if (r.status === 'passed') {
      lines.push(`${open}/>`);
    } else if (r.status === 'skipped') {
      lines.push(`${open}>`, `      <skipped message="${escapeXml(r.reason)}"/>`, '    </testcase>');
    } else {
      const detail = [...r.problems, r.response?.logId ? `x-tt-logid: ${r.response.logId}` : ''].filter(Boolean).join('\n');
      lines.push(`${open}>`, `      <failure message="${escapeXml(r.reason)}" type="ConformanceFailure">${escapeXml(detail)}</failure>`, '    </testcase>');
    }
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
