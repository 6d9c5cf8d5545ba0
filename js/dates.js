// The one date rule of the package and of cfsign: what counts as a date, and the
// instant it names. Signing rounds that instant to the nearest second, as aws-sdk does.
import { fail } from './errors.js';

// CloudFront's latest epoch time (2038-01-19T03:14:07Z), the core's kMaxEpochSeconds.
export const MAX_EPOCH_SECONDS = 2147483647;
// The range of a JS Date's time value: beyond it `new Date(n)` is Invalid Date.
const MAX_TIME_VALUE = 8.64e15;
// Longer text cannot be one of the forms below; refuse it before any matching.
const MAX_DATE_TEXT = 100;

export const DATE_STRING_FORMS = 'YYYY-MM-DD, YYYY-MM-DDThh:mm[:ss[.sss]] (UTC unless it ends in Z or ±hh:mm), '
  + 'or RFC 2822 such as "Thu, 31 Dec 2026 18:00:00 GMT"';
export const DATE_FORMS = `a Date, milliseconds since the epoch, or a date string: ${DATE_STRING_FORMS}`;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*';
const WEEKDAY = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s+)?';
const ZONE = '(Z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)';

// ISO 8601 / RFC 3339: YYYY-M-D, optionally [T ]hh:mm[:ss[.fraction]], optionally a zone.
// Without a zone it is UTC: one meaning on every machine, and aws-sdk's on a UTC machine.
const ISO = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?\\s*${ZONE}?$`, 'i');
// RFC 7231 / RFC 2822 (Date.prototype.toUTCString): [Thu, ]31 Dec 2026 18:00[:00] GMT
const RFC_2822 = new RegExp(`^${WEEKDAY}(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s+${ZONE}$`, 'i');
// Date.prototype.toString: Thu Dec 31 2026 19:00:00 GMT+0100 (Central European Standard Time)
const JS_STRING = new RegExp(`^${WEEKDAY}${MONTH}\\s+(\\d{1,2})\\s+(\\d{4})\\s+(\\d{1,2}):(\\d{2}):(\\d{2})\\s+GMT([+-]\\d{4})(?:\\s+\\([^()]*\\))?$`, 'i');

// A Date's time value, from any realm; null for anything that is not a real Date.
function timeOfDateObject(value) {
  try {
    return Date.prototype.getTime.call(value);
  } catch {
    return null;
  }
}

// Minutes east of UTC, or null for an impossible offset such as +05:99.
function zoneMinutes(zone) {
  if (zone === undefined || /^(Z|UTC|GMT)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 23 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

// Milliseconds since the epoch for calendar fields, or null when a field is out of range
// (2026-02-30, 24:00, 12:60, :60 and the like do not exist).
function fieldsToMilliseconds({ year, month, day, hour = 0, minute = 0, second = 0, fraction = '', zone }) {
  const offset = zoneMinutes(zone);
  if (offset === null || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime() + Number(`0.${fraction || '0'}`) * 1000 - offset * 60_000;
}

function stringToMilliseconds(text) {
  const value = text.trim();
  let m = ISO.exec(value);
  if (m) {
    const [, year, month, day, hour, minute, second, fraction, zone] = m;
    return fieldsToMilliseconds({
      year: Number(year), month: Number(month), day: Number(day), hour: Number(hour ?? 0),
      minute: Number(minute ?? 0), second: Number(second ?? 0), fraction, zone,
    });
  }
  m = RFC_2822.exec(value);
  if (m) {
    const [, day, month, year, hour, minute, second, zone] = m;
    return fieldsToMilliseconds({
      year: Number(year), month: MONTHS.indexOf(month.toLowerCase()) + 1, day: Number(day),
      hour: Number(hour), minute: Number(minute), second: Number(second ?? 0), zone,
    });
  }
  m = JS_STRING.exec(value);
  if (m) {
    const [, month, day, year, hour, minute, second, zone] = m;
    return fieldsToMilliseconds({
      year: Number(year), month: MONTHS.indexOf(month.toLowerCase()) + 1, day: Number(day),
      hour: Number(hour), minute: Number(minute), second: Number(second), zone,
    });
  }
  return null;
}

function describe(value) {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

// Milliseconds since the epoch for a date option: a valid Date, a finite number of
// milliseconds, or a date string in one of DATE_FORMS. Anything else is INVALID_DATE,
// including null, booleans, '', arrays, plain objects, bigints and symbols.
export function dateMilliseconds(value, name) {
  let milliseconds = null;
  if (typeof value === 'object' && value !== null) {
    milliseconds = timeOfDateObject(value);
  } else if (typeof value === 'number') {
    milliseconds = value;
  } else if (typeof value === 'string' && value.length <= MAX_DATE_TEXT) {
    milliseconds = stringToMilliseconds(value);
  }
  if (milliseconds === null || !Number.isFinite(milliseconds) || Math.abs(milliseconds) > MAX_TIME_VALUE) {
    fail('INVALID_DATE', `${name} is not a date: ${describe(value)}; use ${DATE_FORMS}`);
  }
  return milliseconds;
}

// A signing date in epoch seconds: the instant rounded to the nearest second, as aws-sdk rounds.
export function epochSeconds(value, name) {
  return Math.round(dateMilliseconds(value, name) / 1000);
}
