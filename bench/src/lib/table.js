// Pure helpers: rows of measurements -> markdown table.
import { formatBytes, formatMs, formatNs, formatNumber, formatRatio, ratio } from './stats.js';

/** Column headers of the report table. */
export const COLUMNS = ['metric', 'ours', 'official SDK', 'floor', 'ours/floor', 'target', 'met?'];

/** Formats one value of a row according to its unit ('ns', 'ms', 'bytes', 'rate', 'count', 'x', or text). */
export function formatValue(value, unit) {
  if (value === null || value === undefined) return 'n/a';
  if (typeof value === 'string') return value;
  switch (unit) {
    case 'ns': return formatNs(value);
    case 'ms': return formatMs(value);
    case 'bytes': return formatBytes(value);
    case 'rps': return `${formatNumber(value, 0)} req/s`;
    case 'rate': return `${formatNumber(value, 2)}/s`;
    case 'x': return formatRatio(value);
    case 'count': return formatNumber(value, 0);
    default: return formatNumber(value, 2);
  }
}

/** Escapes characters that would break a markdown table cell. */
export function escapeCell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * Turns a row {metric, unit, ours, official, floor, floorLabel?, target?, met?, ratio?} into table cells.
 * `ratio` overrides the computed ours/floor ratio (null hides it); `met` is true/false/undefined.
 */
export function rowCells(row) {
  const r = row.ratio !== undefined ? row.ratio : ratio(num(row.ours), num(row.floor));
  const floor = formatValue(row.floor, row.unit) + (row.floorLabel && row.floor != null ? ` (${row.floorLabel})` : '');
  const met = row.met === true ? 'yes' : row.met === false ? '**NO**' : '';
  return [row.metric, formatValue(row.ours, row.unit), formatValue(row.official, row.unit), floor,
    r === null ? '' : formatRatio(r), row.target ?? '', met];
}

/** Renders rows (and optional section headings: rows of the form {section}) as a markdown table. */
export function renderTable(rows) {
  const lines = [`| ${COLUMNS.join(' | ')} |`, `|${COLUMNS.map(() => '---').join('|')}|`];
  for (const row of rows) {
    const cells = row.section !== undefined ? [`**${row.section}**`, '', '', '', '', '', ''] : rowCells(row);
    lines.push(`| ${cells.map(escapeCell).join(' | ')} |`);
  }
  return lines.join('\n');
}

function num(v) {
  return typeof v === 'number' ? v : NaN;
}
