// A small flag parser: --name value, --name=value, boolean --name, repeatable flags,
// positionals, and `--` to end the flags. Unknown or doubled flags are usage errors.
import { usage } from './errors.mjs';

// spec: { flags: { name: { type: 'string'|'boolean', multiple?, alias? } }, positionals: ['url'] }
export function parseArgs(argv, spec) {
  const flags = spec.flags ?? {};
  const aliases = new Map();
  for (const [name, def] of Object.entries(flags)) {
    aliases.set(name, name);
    for (const alias of def.aliases ?? []) aliases.set(alias, name);
  }
  const values = {};
  const positionals = [];
  let onlyPositionals = false;

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (onlyPositionals || !token.startsWith('--')) {
      // "-x" is an option we do not have; "-" and "-5" are values.
      if (!onlyPositionals && /^-[^-\d]/.test(token)) {
        throw usage(`unknown option ${token}${suggestion(token.replace(/^-+/, ''), aliases)}`);
      }
      positionals.push(token);
      continue;
    }
    if (token === '--') {
      onlyPositionals = true;
      continue;
    }
    const eq = token.indexOf('=');
    const given = eq === -1 ? token.slice(2) : token.slice(2, eq);
    const name = aliases.get(given);
    if (!name) throw usage(`unknown option --${given}${suggestion(given, aliases)}`);
    const def = flags[name];
    let value;
    if (def.type === 'boolean') {
      if (eq !== -1) throw usage(`--${given} takes no value`);
      value = true;
    } else if (eq !== -1) {
      value = token.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      // A following flag means the value was forgotten; "-5m" and "-----BEGIN ..." are values.
      if (next === undefined || /^--[A-Za-z]/.test(next)) throw usage(`--${given} needs a value`);
      value = next;
      i++;
    }
    if (def.multiple) {
      (values[name] ??= []).push(value);
    } else {
      if (name in values) throw usage(`--${name} was given more than once`);
      values[name] = value;
    }
  }

  const names = spec.positionals ?? [];
  if (positionals.length > names.length) {
    const extra = positionals[names.length];
    throw usage(names.length === 0
      ? `unexpected argument "${extra}"`
      : `unexpected extra argument "${extra}" (this command takes ${names.map((n) => `<${n}>`).join(' ')})`);
  }
  names.forEach((name, i) => {
    if (positionals[i] !== undefined) values[name] = positionals[i];
  });
  return values;
}

// Throws "--flag is required (why)" for the first missing flag, in the order given.
export function requireFlags(values, required) {
  for (const [name, why] of required) {
    if (values[name] === undefined || values[name] === '') {
      throw usage(`--${name} is required${why ? ` (${why})` : ''}`);
    }
  }
}

export function suggestion(given, names) {
  let best = null;
  let bestDistance = 3;
  const isFlags = names instanceof Map;
  for (const name of isFlags ? names.keys() : names) {
    const distance = editDistance(given, name);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  if (!best) return '';
  return isFlags ? ` (did you mean --${best}?)` : ` (did you mean "${best}"?)`;
}

function editDistance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
