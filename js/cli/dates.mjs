// Dates as the AWS CLI reads them, plus relative times, and how we print them.
import { CliError } from './errors.mjs';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const UNIT_NAMES = { sec: 's', secs: 's', min: 'm', mins: 'm', hr: 'h', hrs: 'h', day: 'd', days: 'd', week: 'w', weeks: 'w' };

// YYYY-M-D, optionally Thh:mm[:ss[.fff]], optionally Z or ±hh[:]mm. Without a zone it is UTC,
// as in the AWS CLI (so 2016-1-1 is midnight UTC).
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i;

export const DATE_FORMATS = 'YYYY-MM-DD, YYYY-MM-DDThh:mm:ss (UTC unless it ends in Z or ±hh:mm), epoch seconds, or a time from now such as +30s, +5m, +2h, +7d';

// Returns milliseconds since the epoch, truncated to the second as the AWS CLI does.
export function parseDate(text, flag, now = Date.now()) {
  const value = String(text).trim();
  const ms = parseMilliseconds(value, now);
  if (ms === null || !Number.isFinite(ms)) {
    throw new CliError('INVALID_DATE', `${flag}: cannot read ${JSON.stringify(String(text))} as a date; use ${DATE_FORMATS}`);
  }
  return Math.floor(ms / 1000) * 1000;
}

function parseMilliseconds(value, now) {
  if (value.toLowerCase() === 'now') return now;
  // A bare number is epoch seconds, so YYYYMMDD is read as epoch time, as in the AWS CLI.
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const relative = /^([+-])\s*(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(value);
  if (relative) {
    const unit = relative[3].toLowerCase();
    const step = UNIT_MS[UNIT_NAMES[unit] ?? unit];
    if (!step) return null;
    return now + (relative[1] === '-' ? -1 : 1) * Number(relative[2]) * step;
  }
  const m = ISO.exec(value);
  if (!m) return null;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone = 'Z'] = m;
  const parts = [year, month, day, hour, minute, second].map(Number);
  const utc = Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]);
  const check = new Date(utc);
  // Date.UTC rolls 2016-02-30 over to March; a date that does not exist is an error.
  if (parts[1] < 1 || parts[1] > 12 || check.getUTCDate() !== parts[2] || parts[3] > 23 || parts[4] > 59 || parts[5] > 59) {
    return null;
  }
  return utc + Number(`0.${fraction || '0'}`) * 1000 - zoneOffsetMs(zone);
}

function zoneOffsetMs(zone) {
  if (/^(Z|UTC)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return (m[1] === '-' ? -1 : 1) * minutes * 60_000;
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
