// The command line's extra date forms (relative times, "now", epoch seconds), and how we
// print dates. Every other date text goes to the package's own rule (js/dates.js), so
// cfsign and the API read a date the same way.
import { DATE_STRING_FORMS, dateMilliseconds } from '../dates.js';
import { CliError } from './errors.mjs';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const UNIT_NAMES = { sec: 's', secs: 's', min: 'm', mins: 'm', hr: 'h', hrs: 'h', day: 'd', days: 'd', week: 'w', weeks: 'w' };

export const DATE_FORMATS = `${DATE_STRING_FORMS.replace(/, or RFC/, ', RFC')}, epoch seconds, or a time from now such as +30s, +5m, +2h, +7d`;

// Milliseconds since the epoch, rounded to the second as the package rounds signing dates.
export function parseDate(text, flag, now = Date.now()) {
  const value = String(text).trim();
  try {
    return Math.round(dateMilliseconds(commandLineForm(value, now) ?? value, flag) / 1000) * 1000;
  } catch {
    throw new CliError('INVALID_DATE', `${flag}: cannot read ${JSON.stringify(String(text).slice(0, 100))} as a date; use ${DATE_FORMATS}`);
  }
}

// Milliseconds for the forms only the command line takes; undefined for anything else.
function commandLineForm(value, now) {
  if (value.toLowerCase() === 'now') return now;
  // A bare number is epoch seconds, so YYYYMMDD is read as epoch time, as in the AWS CLI.
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const relative = /^([+-])\s*(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(value);
  if (!relative) return undefined;
  const unit = relative[3].toLowerCase();
  const step = UNIT_MS[UNIT_NAMES[unit] ?? unit];
  return step ? now + (relative[1] === '-' ? -1 : 1) * Number(relative[2]) * step : NaN;
}

// 2026-01-01 18:00:00 UTC
export function formatDate(ms) {
  return `${new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '')} UTC`;
}

// "in 4m 59s", "3d 2h ago", "now"
export function formatRelative(ms, now = Date.now()) {
  const delta = ms - now;
  const seconds = Math.round(Math.abs(delta) / 1000);
  if (seconds === 0) return 'now';
  const span = formatSpan(seconds);
  return delta > 0 ? `in ${span}` : `${span} ago`;
}

export function formatSpan(totalSeconds) {
  const units = [['d', 86_400], ['h', 3_600], ['m', 60], ['s', 1]];
  const parts = [];
  let rest = totalSeconds;
  for (const [name, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count}${name}`);
    if (parts.length === 2) break;
  }
  return parts.length > 0 ? parts.join(' ') : '0s';
}
