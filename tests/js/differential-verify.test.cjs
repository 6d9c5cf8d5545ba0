// The package's verifier against an independent one written here on node:crypto
// (OpenSSL): thousands of mutated signed URLs and cookies, each judged by both, with
// zero disagreements on the verdict, the error code, and what an accepted request
// carries. The reference follows CloudFront's documented rules; where the package
// deliberately differs from a lenient reading, README "Verification, as CloudFront
// checks" says so, and the reference encodes the same rule.
const { createPublicKey, verify: cryptoVerify } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const {
  CloudFrontSignerError, buildPolicy, getSignedCookies, getSignedUrl, verifySignedCookies, verifySignedUrl,
} = require('../../dist/index.cjs');

const URL_CASES = 7000;
const COOKIE_CASES = 3000;
const SEED = Number(process.env.DIFFERENTIAL_SEED ?? 20261202);

const fixture = (...parts) => readFileSync(join(__dirname, '..', 'fixtures', ...parts), 'utf8');
const KEYS = {
  KRSA: { privateKey: fixture('keys', 'rsa2048-pkcs1.pem'), publicKey: fixture('keys', 'rsa2048-public.pem') },
  KEC: { privateKey: fixture('keys', 'ec-p256-sec1.pem'), publicKey: fixture('keys', 'ec-p256-public.pem') },
};
// Signs as KEC with a key the key group does not hold.
const FOREIGN_EC = fixture('aws-cli', 'test-ecdsa-key.pem');
const PUBLIC_KEYS = { KRSA: KEYS.KRSA.publicKey, KEC: KEYS.KEC.publicKey };
const KEY_OBJECTS = Object.fromEntries(Object.entries(PUBLIC_KEYS).map(([id, pem]) => [id, createPublicKey(pem)]));

const T0 = Date.UTC(2029, 5, 1) / 1000; // the seeds are valid from T0 - 600 to T0 + 3600
const HOST = 'https://d111111abcdef8.cloudfront.net';

// mulberry32: a reproducible stream; DIFFERENTIAL_SEED replays a run.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(SEED);
const pick = (list) => list[Math.floor(rand() * list.length)];
const int = (n) => Math.floor(rand() * n);

// ---------- the reference verifier ----------

const SIGNING = ['Expires', 'Policy', 'Signature', 'Key-Pair-Id', 'Hash-Algorithm'];
const MAX_EPOCH = 2147483647;

class Refused extends Error {
  constructor(code) {
    super(code);
    this.code = code;
  }
}
const refuse = (code) => { throw new Refused(code); };

// CloudFront base64: A-Z a-z 0-9 - ~, padded with _; canonical (zero trailing bits).
function cloudFrontBase64(text) {
  if (!/^(?:[A-Za-z0-9\-~]{4})*(?:[A-Za-z0-9\-~]{2}__|[A-Za-z0-9\-~]{3}_)?$/.test(text)) return null;
  const bytes = Buffer.from(text.replace(/-/g, '+').replace(/~/g, '/').replace(/_/g, '='), 'base64');
  const again = bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '~').replace(/=/g, '_');
  return again === text ? bytes : null;
}

function utf8(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function percentDecode(text) {
  const bytes = [];
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] !== '%') {
      bytes.push(...Buffer.from(text[i], 'utf8'));
      continue;
    }
    if (!/^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) return null;
    bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
    i += 2;
  }
  return utf8(Buffer.from(bytes));
}

const OCTET = '(?:0|[1-9]\\d{0,2})';
function ipv4(text) {
  const m = new RegExp(`^(${OCTET})\\.(${OCTET})\\.(${OCTET})\\.(${OCTET})$`).exec(text);
  if (!m || m.slice(1).some((octet) => Number(octet) > 255)) return null;
  return m.slice(1).reduce((value, octet) => value * 256 + Number(octet), 0);
}
function cidr(text) {
  const [address, mask, extra] = text.split('/');
  if (extra !== undefined || ipv4(address) === null) return null;
  if (mask !== undefined && !/^(?:0|[1-9]\d?)$/.test(mask)) return null;
  const bits = mask === undefined ? 32 : Number(mask);
  return bits > 32 ? null : { address: ipv4(address), bits, text: `${address}/${bits}` };
}
function inRange(range, ip) {
  const block = 2 ** (32 - range.bits);
  return Math.floor(range.address / block) === Math.floor(ipv4(ip) / block);
}

// '*' any run of characters, '?' one character (code point); the whole URL must match.
function matches(pattern, url) {
  const p = Array.from(pattern);
  const s = Array.from(url);
  let reach = new Array(s.length + 1).fill(false);
  reach[0] = true;
  for (const ch of p) {
    const next = new Array(s.length + 1).fill(false);
    for (let i = 0; i <= s.length; i += 1) {
      if (!reach[i]) continue;
      if (ch === '*') for (let j = i; j <= s.length; j += 1) next[j] = true;
      else if (i < s.length && (ch === '?' || ch === s[i])) next[i + 1] = true;
    }
    reach = next;
  }
  return reach[s.length];
}

// The policy's conditions, or MALFORMED for anything CloudFront would not read.
function readPolicy(json) {
  let policy;
  try {
    policy = JSON.parse(json);
  } catch {
    return refuse('MALFORMED');
  }
  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const onlyKeys = (v, keys) => isObject(v) && Object.keys(v).every((key) => keys.includes(key));
  if (!onlyKeys(policy, ['Statement']) || !Array.isArray(policy.Statement) || policy.Statement.length !== 1) refuse('MALFORMED');
  const statement = policy.Statement[0];
  if (!onlyKeys(statement, ['Resource', 'Condition']) || !isObject(statement.Condition)) refuse('MALFORMED');
  if ('Resource' in statement && typeof statement.Resource !== 'string') refuse('MALFORMED');
  const condition = statement.Condition;
  if (!onlyKeys(condition, ['DateLessThan', 'DateGreaterThan', 'IpAddress']) || !('DateLessThan' in condition)) refuse('MALFORMED');
  // Epoch times are plain non-negative integers in the text itself: no fraction, exponent or sign.
  for (const [, raw] of json.matchAll(/"AWS:EpochTime"\s*:\s*([^,}\s]+)/g)) if (!/^(?:0|[1-9]\d*)$/.test(raw)) refuse('MALFORMED');
  const epoch = (value) => {
    if (!onlyKeys(value, ['AWS:EpochTime']) || !Number.isInteger(value['AWS:EpochTime'])) refuse('MALFORMED');
    const seconds = value['AWS:EpochTime'];
    return seconds < 0 || seconds > MAX_EPOCH ? refuse('MALFORMED') : seconds;
  };
  const result = { resource: statement.Resource, dateLessThan: epoch(condition.DateLessThan) };
  if ('DateGreaterThan' in condition) {
    result.dateGreaterThan = epoch(condition.DateGreaterThan);
    if (result.dateGreaterThan >= result.dateLessThan) refuse('MALFORMED');
  }
  if ('IpAddress' in condition) {
    const ip = condition.IpAddress;
    if (!onlyKeys(ip, ['AWS:SourceIp']) || typeof ip['AWS:SourceIp'] !== 'string') refuse('MALFORMED');
    result.ipAddress = cidr(ip['AWS:SourceIp']) ?? refuse('MALFORMED');
  }
  return result;
}

function referenceCheck(resourceUrl, values, { now, sourceIp }) {
  if (!values['Key-Pair-Id']) refuse('MISSING_KEY_PAIR_ID');
  if (values.Signature === undefined) refuse('MALFORMED');
  if ((values.Expires === undefined) === (values.Policy === undefined)) refuse('MALFORMED');
  const hash = values['Hash-Algorithm'] ?? 'SHA1';
  if (hash !== 'SHA1' && hash !== 'SHA256') refuse('MALFORMED');
  const key = Object.hasOwn(KEY_OBJECTS, values['Key-Pair-Id']) ? KEY_OBJECTS[values['Key-Pair-Id']] : refuse('UNKNOWN_KEY');
  let policy;
  let conditions;
  if (values.Policy !== undefined) {
    const bytes = cloudFrontBase64(values.Policy) ?? refuse('MALFORMED');
    policy = utf8(bytes) ?? refuse('MALFORMED');
    conditions = readPolicy(policy);
  } else {
    if (!/^\d{1,10}$/.test(values.Expires) || Number(values.Expires) > MAX_EPOCH) refuse('MALFORMED');
    conditions = { resource: resourceUrl, dateLessThan: Number(values.Expires) };
    policy = JSON.stringify({ Statement: [{ Resource: resourceUrl, Condition: { DateLessThan: { 'AWS:EpochTime': conditions.dateLessThan } } }] });
  }
  const signature = cloudFrontBase64(values.Signature);
  const algorithm = hash === 'SHA256' ? 'sha256' : 'sha1';
  if (!signature || !cryptoVerify(algorithm, Buffer.from(policy), { key, dsaEncoding: 'der' }, signature)) refuse('BAD_SIGNATURE');
  if (values.Policy !== undefined && conditions.resource !== undefined && !matches(conditions.resource, resourceUrl)) refuse('RESOURCE_MISMATCH');
  const second = Math.floor(now / 1000);
  if (second >= conditions.dateLessThan) refuse('EXPIRED');
  if (conditions.dateGreaterThan !== undefined && second < conditions.dateGreaterThan) refuse('NOT_YET_VALID');
  if (conditions.ipAddress && (sourceIp === undefined || !inRange(conditions.ipAddress, sourceIp))) refuse('IP_MISMATCH');
  return { keyPairId: values['Key-Pair-Id'], policy, url: resourceUrl, dateLessThan: new Date(conditions.dateLessThan * 1000) };
}

function referenceVerifyUrl(url, options) {
  if (!/^https?:\/\//.test(url) || /[\x00-\x1f\x7f#]/.test(url)) refuse('MALFORMED');
  const q = url.indexOf('?');
  if (q === -1) return referenceCheck(url, {}, options);
  const values = {};
  const kept = [];
  for (const pair of url.slice(q + 1).split('&')) {
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    if (!SIGNING.includes(name)) {
      kept.push(pair);
      continue;
    }
    if (name in values) refuse('MALFORMED');
    values[name] = percentDecode(eq === -1 ? '' : pair.slice(eq + 1)) ?? refuse('MALFORMED');
  }
  return referenceCheck(url.slice(0, q) + (kept.length > 0 ? `?${kept.join('&')}` : ''), values, options);
}

function referenceVerifyCookies(url, header, options) {
  const values = {};
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name.startsWith('CloudFront-') || !SIGNING.includes(name.slice('CloudFront-'.length))) continue;
    const field = name.slice('CloudFront-'.length);
    if (field in values) refuse('MALFORMED');
    values[field] = part.slice(eq + 1).trim();
  }
  return referenceCheck(url, values, options);
}

// ---------- seeds and mutations ----------

function seeds() {
  const list = [];
  const urls = [`${HOST}/private/video.mp4`, `${HOST}/uploads/a%20b.txt?x=1&y=two`, `${HOST}/docs/caf%C3%A9/index.html?lang=fr`];
  for (const id of ['KRSA', 'KEC']) {
    for (const algorithm of ['SHA1', 'SHA256']) {
      for (const url of urls) {
        const base = { keyPairId: id, privateKey: KEYS[id].privateKey, url, algorithm };
        list.push({ ...base, dateLessThan: (T0 + 3600) * 1000 });
        list.push({ ...base, dateLessThan: (T0 + 3600) * 1000, dateGreaterThan: (T0 - 600) * 1000 });
        list.push({ ...base, dateLessThan: (T0 + 3600) * 1000, ipAddress: '192.0.2.0/24' });
        const resource = `${url.slice(0, url.lastIndexOf('/'))}/*`;
        list.push({ ...base, policy: buildPolicy({ resource, dateLessThan: (T0 + 3600) * 1000, dateGreaterThan: (T0 - 600) * 1000 }) });
        list.push({ ...base, policy: `{"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":${T0 + 3600}}}}]}` });
      }
    }
  }
  list.push({ keyPairId: 'KEC', privateKey: FOREIGN_EC, url: urls[0], algorithm: 'SHA256', dateLessThan: (T0 + 3600) * 1000 });
  return list;
}

const CHARS = 'AaBz09-_~+/=%&?#.:;, é*\t'.split('').concat(['%2B', '%2F', '%3D', '%2D', '%7E', '%5F', '%', '%G1', '%C3']);
const KEY_IDS = ['KRSA', 'KEC', 'KNOPE', 'krsa', '', 'K;x'];

function splitQuery(url) {
  const q = url.indexOf('?');
  return { base: url.slice(0, q), pairs: url.slice(q + 1).split('&') };
}
const joinQuery = (base, pairs) => `${base}?${pairs.join('&')}`;

function swapAlphabet(text) {
  const swaps = [['-', '+'], ['~', '/'], ['_', '='], ['-', '%2B'], ['~', '%2F'], ['_', '%3D']];
  const [from, to] = pick(swaps);
  const at = text.lastIndexOf(from, int(text.length) + 1);
  return at === -1 ? text : text.slice(0, at) + to + text.slice(at + 1);
}

// A BER spelling of a DER ECDSA signature: the same (r, s) in a longer encoding.
function berSignature(signatureText) {
  const der = cloudFrontBase64(signatureText);
  if (!der || der[0] !== 0x30) return signatureText;
  const ber = Buffer.concat([Buffer.from([0x30, 0x81]), der.subarray(1)]);
  return ber.toString('base64').replace(/\+/g, '-').replace(/\//g, '~').replace(/=/g, '_');
}

function mutateText(text) {
  const at = int(text.length + 1);
  switch (int(6)) {
    case 0: return text.slice(0, at) + pick(CHARS) + text.slice(at + 1); // flip
    case 1: return text.slice(0, at) + pick(CHARS) + text.slice(at); // insert
    case 2: return text.slice(0, at) + text.slice(at + 1); // delete
    case 3: return text.slice(0, at); // truncate
    case 4: { // case change
      const ch = text[at] ?? '';
      return text.slice(0, at) + (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase()) + text.slice(at + 1);
    }
    default: return swapAlphabet(text);
  }
}

function mutateUrl(url, others) {
  const { base, pairs } = splitQuery(url);
  const which = (name) => pairs.findIndex((p) => p.startsWith(`${name}=`));
  const setParam = (name, value) => {
    const i = which(name);
    const copy = [...pairs];
    if (i === -1) copy.push(`${name}=${value}`);
    else copy[i] = `${name}=${value}`;
    return joinQuery(base, copy);
  };
  const valueOf = (name) => pairs[which(name)]?.split('=').slice(1).join('=');
  switch (int(14)) {
    case 0: return mutateText(url);
    case 1: { // mutate one parameter's value
      const i = int(pairs.length);
      const [name, ...rest] = pairs[i].split('=');
      const copy = [...pairs];
      copy[i] = `${name}=${mutateText(rest.join('='))}`;
      return joinQuery(base, copy);
    }
    case 2: { // duplicate a parameter
      const copy = [...pairs];
      copy.splice(int(copy.length + 1), 0, rand() < 0.5 ? pick(pairs) : `${pick(SIGNING)}=${pick(['', 'x', valueOf('Signature') ?? ''])}`);
      return joinQuery(base, copy);
    }
    case 3: { // reorder
      const copy = [...pairs];
      for (let i = copy.length - 1; i > 0; i -= 1) {
        const j = int(i + 1);
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return joinQuery(base, copy);
    }
    case 4: { // re-encode one character of a parameter value or of the path
      const target = rand() < 0.5 ? url.indexOf('?') : url.length;
      const at = 8 + int(Math.max(1, target - 8));
      const ch = url[at];
      return ch ? url.slice(0, at) + `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` + url.slice(at + 1) : url;
    }
    case 5: return setParam('Key-Pair-Id', pick(KEY_IDS)); // other keys
    case 6: return setParam('Signature', valueOf('Signature') === undefined ? '' : swapAlphabet(valueOf('Signature')));
    case 7: return valueOf('Policy') === undefined ? url : setParam('Policy', swapAlphabet(valueOf('Policy')));
    case 8: return setParam('Signature', new URL(pick(others)).searchParams.get('Signature')?.replace(/\+/g, '-') ?? ''); // another URL's signature
    case 9: { // Expires nudged, huge or written differently
      if (valueOf('Expires') === undefined) return setParam('Expires', String(T0 + 3600));
      const n = Number(valueOf('Expires'));
      return setParam('Expires', pick([String(n + 1), String(n - 1), `0${n}`, '2147483648', '4294967296', '99999999999', '']));
    }
    case 10: return setParam('Hash-Algorithm', pick(['SHA1', 'SHA256', 'sha256', 'SHA512', '']));
    case 11: { // the wrong resource
      const other = pick([`${HOST}/private/video.mp5`, `${HOST.replace('d111111', 'd222222')}/private/video.mp4`, `${HOST}/uploads/x.txt`, `${HOST}/docs/other/index.html`]);
      return other + url.slice(url.indexOf('?'));
    }
    case 12: return setParam('Signature', berSignature(valueOf('Signature') ?? '')); // BER for ECDSA
    default: { // drop a parameter
      const copy = [...pairs];
      copy.splice(int(copy.length), 1);
      return joinQuery(base, copy);
    }
  }
}

function mutateCookies(cookies, otherCookies) {
  let entries = Object.entries(cookies).map(([name, value]) => [name, String(value)]);
  switch (int(9)) {
    case 0: { // mutate a value
      const i = int(entries.length);
      entries[i] = [entries[i][0], mutateText(entries[i][1])];
      break;
    }
    case 1: entries.splice(int(entries.length + 1), 0, pick(entries)); break; // a repeated signing cookie
    case 2: entries.splice(int(entries.length + 1), 0, ['CloudFront-Foo', 'a'], ['CloudFront-Foo', 'b']); break; // unrelated, repeated
    case 3: entries.splice(int(entries.length), 1); break; // a cookie missing
    case 4: entries = entries.map(([name, value]) => [name === 'CloudFront-Key-Pair-Id' ? name : name, name === 'CloudFront-Key-Pair-Id' ? pick(KEY_IDS) : value]); break;
    case 5: { // a value from another set
      const i = int(entries.length);
      entries[i] = [entries[i][0], String(pick(otherCookies)[entries[i][0]] ?? '')];
      break;
    }
    case 6: { // a name in another case
      const i = int(entries.length);
      entries[i] = [entries[i][0].toLowerCase(), entries[i][1]];
      break;
    }
    case 7: { // alphabet swap in the signature or policy
      const i = entries.findIndex(([name]) => name === (rand() < 0.5 ? 'CloudFront-Signature' : 'CloudFront-Policy'));
      if (i !== -1) entries[i] = [entries[i][0], swapAlphabet(entries[i][1])];
      break;
    }
    default: break; // unchanged: only the time, IP or URL vary
  }
  return entries.map(([name, value]) => `${name}=${value}`).join(pick(['; ', ';', ' ; ']));
}

// ---------- comparing ----------

function outcome(call) {
  try {
    const value = call();
    return { ok: true, keyPairId: value.keyPairId, policy: value.policy, url: value.url, dateLessThan: value.dateLessThan / 1000 };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, code: error.code };
    if (error instanceof CloudFrontSignerError) return { ok: false, code: error.code };
    throw error;
  }
}

function randomOptions() {
  const now = rand() < 0.7 ? T0 * 1000 + int(1000) : (T0 - 2000 + int(8000)) * 1000 + int(1000);
  const sourceIp = pick([undefined, '192.0.2.7', '192.0.2.255', '198.51.100.1']);
  return sourceIp === undefined ? { now } : { now, sourceIp };
}

test(`the package and a node:crypto reference agree on ${URL_CASES} mutated URLs and ${COOKIE_CASES} mutated cookie sets`, () => {
  const started = performance.now();
  let packageMs = 0;
  let referenceMs = 0;
  const timed = (call, isPackage) => {
    const start = performance.now();
    try {
      return outcome(call);
    } finally {
      if (isPackage) packageMs += performance.now() - start;
      else referenceMs += performance.now() - start;
    }
  };
  const signed = seeds().map((options) => getSignedUrl(options));
  const cookieSeeds = seeds().filter((options) => options.url.includes('/private/')).map((options) => getSignedCookies(options));
  const tally = {};
  const disagreements = [];
  const judge = (label, ours, theirs, input) => {
    tally[ours.ok ? 'accepted' : ours.code] = (tally[ours.ok ? 'accepted' : ours.code] ?? 0) + 1;
    if (JSON.stringify(ours) !== JSON.stringify(theirs) && disagreements.length < 10) disagreements.push({ label, input, ours, theirs });
  };

  // The seeds themselves verify, by both.
  for (const url of signed) {
    const options = { now: T0 * 1000, sourceIp: '192.0.2.7' };
    expect(outcome(() => referenceVerifyUrl(url, options)).ok || url === signed[signed.length - 1]).toBe(true);
  }

  for (let i = 0; i < URL_CASES; i += 1) {
    let url = pick(signed);
    for (let n = 1 + (rand() < 0.3 ? int(3) : 0); n > 0; n -= 1) url = mutateUrl(url, signed);
    const options = randomOptions();
    judge('url', timed(() => verifySignedUrl(url, { publicKeys: PUBLIC_KEYS, ...options }), true),
      timed(() => referenceVerifyUrl(url, options), false), { url, options });
  }
  for (let i = 0; i < COOKIE_CASES; i += 1) {
    const header = mutateCookies(pick(cookieSeeds), cookieSeeds);
    const url = rand() < 0.8 ? `${HOST}/private/video.mp4` : pick([`${HOST}/private/other.mp4`, `${HOST}/uploads/a.txt`]);
    const options = randomOptions();
    judge('cookies', timed(() => verifySignedCookies(url, header, { publicKeys: PUBLIC_KEYS, ...options }), true),
      timed(() => referenceVerifyCookies(url, header, options), false), { url, header, options });
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`differential verify: seed ${SEED}, ${URL_CASES} URLs + ${COOKIE_CASES} cookie sets in ${seconds} s (package ${(packageMs / 1000).toFixed(1)} s, reference ${(referenceMs / 1000).toFixed(1)} s); ${JSON.stringify(tally)}`);
  expect(disagreements).toEqual([]);
  // The mutations reach every verdict, so agreement means something.
  for (const code of ['accepted', 'MALFORMED', 'BAD_SIGNATURE', 'UNKNOWN_KEY', 'MISSING_KEY_PAIR_ID', 'EXPIRED', 'NOT_YET_VALID', 'RESOURCE_MISMATCH', 'IP_MISMATCH']) {
    expect([code, tally[code] >= 20]).toEqual([code, true]);
  }
}, 300_000);
