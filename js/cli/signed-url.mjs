// Reading a signed URL without the key: its signing parameters, its policy and its
// conditions. Also puts the parameters in the AWS CLI's order.
import { MAX_EPOCH_SECONDS } from '../dates.js';
import { CliError, EXIT } from './errors.mjs';

export const SIGNING_PARAMS = ['Expires', 'Policy', 'Signature', 'Key-Pair-Id', 'Hash-Algorithm'];

// Splits the query by hand: URL/URLSearchParams would re-encode what was signed.
export function splitUrl(text) {
  const hash = text.indexOf('#');
  const withoutFragment = hash === -1 ? text : text.slice(0, hash);
  const q = withoutFragment.indexOf('?');
  const base = q === -1 ? withoutFragment : withoutFragment.slice(0, q);
  const query = q === -1 ? '' : withoutFragment.slice(q + 1);
  const params = query === '' ? [] : query.split('&').map((part) => {
    const eq = part.indexOf('=');
    return eq === -1 ? { name: part, value: '' } : { name: part.slice(0, eq), value: part.slice(eq + 1) };
  });
  return { base, params };
}

function joinUrl(base, params) {
  if (params.length === 0) return base;
  return `${base}?${params.map(({ name, value }) => `${name}=${value}`).join('&')}`;
}

// The AWS CLI (botocore) writes Expires or Policy, then Signature, then Key-Pair-Id;
// the package writes aws-sdk's order. CloudFront reads either, so we print the AWS CLI's.
export function inAwsCliOrder(signedUrl) {
  const { base, params } = splitUrl(signedUrl);
  const others = params.filter((p) => !SIGNING_PARAMS.includes(p.name));
  const rank = (name) => ['Expires', 'Policy', 'Signature', 'Key-Pair-Id', 'Hash-Algorithm'].indexOf(name);
  const signing = params.filter((p) => SIGNING_PARAMS.includes(p.name)).sort((a, b) => rank(a.name) - rank(b.name));
  return joinUrl(base, [...others, ...signing]);
}

// CloudFront's alphabet only (- ~ and _ padding), as the verifier reads it: "+ / =" is not CloudFront base64.
export function decodeCloudFrontBase64(text) {
  if (!/^[A-Za-z0-9\-~]*_{0,2}$/.test(text)) return null;
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');
}

export function encodeCloudFrontBase64(bytes) {
  return Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/=/g, '_').replace(/\//g, '~');
}

// botocore orders conditions DateLessThan, IpAddress, DateGreaterThan; aws-sdk (and the
// package) put DateGreaterThan before IpAddress. Returns the policy in botocore's order,
// or the policy unchanged when re-serializing would alter anything else.
export function inAwsCliConditionOrder(policyJson) {
  let policy;
  try {
    policy = JSON.parse(policyJson);
  } catch {
    return policyJson;
  }
  if (JSON.stringify(policy) !== policyJson) return policyJson;
  const condition = policy?.Statement?.[0]?.Condition;
  if (!condition || !condition.IpAddress || !condition.DateGreaterThan) return policyJson;
  const order = ['DateLessThan', 'IpAddress', 'DateGreaterThan'];
  const keys = Object.keys(condition);
  if (keys.some((key) => !order.includes(key))) return policyJson;
  policy.Statement[0].Condition = Object.fromEntries(order.filter((key) => key in condition).map((key) => [key, condition[key]]));
  return JSON.stringify(policy);
}

function malformed(message) {
  return new CliError('MALFORMED', message, EXIT.USAGE);
}

function epochOf(value, what) {
  const seconds = value?.['AWS:EpochTime'];
  if (!Number.isInteger(seconds)) throw malformed(`the policy's ${what} has no whole-number AWS:EpochTime`);
  checkEpochRange(seconds, `the policy's ${what}`);
  return seconds * 1000;
}

// CloudFront's epoch times are 32-bit: later ones are refused, and are no date we can print.
function checkEpochRange(seconds, what) {
  if (seconds < 0 || seconds > MAX_EPOCH_SECONDS) {
    throw malformed(`${what} (${String(seconds).slice(0, 24)}) is outside 0 … ${MAX_EPOCH_SECONDS}`
      + ' (2038-01-19T03:14:07Z), the epoch times CloudFront accepts');
  }
}

// The conditions of a policy JSON text, as a flat object.
export function describePolicy(policyJson) {
  let policy;
  try {
    policy = JSON.parse(policyJson);
  } catch {
    throw malformed('the policy is not valid JSON');
  }
  const statements = policy?.Statement;
  if (!Array.isArray(statements) || statements.length !== 1 || typeof statements[0] !== 'object' || statements[0] === null) {
    throw malformed('the policy must have exactly one Statement');
  }
  const { Resource: resource, Condition: condition } = statements[0];
  if (resource !== undefined && typeof resource !== 'string') throw malformed('the policy\'s Resource is not a string');
  if (!condition || typeof condition !== 'object') throw malformed('the policy has no Condition');
  if (!condition.DateLessThan) throw malformed('the policy has no DateLessThan condition');
  const ip = condition.IpAddress?.['AWS:SourceIp'];
  if (condition.IpAddress && typeof ip !== 'string') throw malformed('the policy\'s IpAddress has no AWS:SourceIp');
  return {
    resource,
    dateLessThan: epochOf(condition.DateLessThan, 'DateLessThan'),
    dateGreaterThan: condition.DateGreaterThan ? epochOf(condition.DateGreaterThan, 'DateGreaterThan') : undefined,
    ipAddress: ip,
  };
}

// Everything a signed URL says about itself. Nothing here checks the signature.
export function describeSignedUrl(signedUrl) {
  if (!/^https?:\/\//i.test(signedUrl)) throw malformed('not an http:// or https:// URL');
  const { base, params } = splitUrl(signedUrl);
  const found = {};
  for (const { name, value } of params) {
    if (!SIGNING_PARAMS.includes(name)) continue;
    if (name in found) throw malformed(`the ${name} parameter appears twice`);
    found[name] = value;
  }
  if (found.Signature === undefined) throw malformed('the URL has no Signature parameter, so it is not a signed URL');
  if (found['Key-Pair-Id'] === undefined) throw malformed('the URL has no Key-Pair-Id parameter');
  if ((found.Expires === undefined) === (found.Policy === undefined)) {
    throw malformed('a signed URL has exactly one of Expires (canned policy) or Policy (custom policy)');
  }
  const unsigned = joinUrl(base, params.filter((p) => !SIGNING_PARAMS.includes(p.name)));
  const signature = decodeCloudFrontBase64(found.Signature);
  if (!signature || signature.length === 0) throw malformed('the Signature parameter is not CloudFront base64');
  const algorithm = found['Hash-Algorithm'] ?? 'SHA1';
  let policyJson;
  let custom;
  if (found.Policy !== undefined) {
    const bytes = decodeCloudFrontBase64(found.Policy);
    if (!bytes) throw malformed('the Policy parameter is not CloudFront base64');
    policyJson = bytes.toString('utf8');
    custom = true;
  } else {
    if (!/^\d+$/.test(found.Expires)) throw malformed('the Expires parameter is not a whole number of seconds');
    checkEpochRange(Number(found.Expires), 'the Expires parameter');
    // CloudFront rebuilds a canned policy from the URL it was asked for.
    policyJson = JSON.stringify({ Statement: [{ Resource: unsigned, Condition: { DateLessThan: { 'AWS:EpochTime': Number(found.Expires) } } }] });
    custom = false;
  }
  return {
    url: unsigned,
    keyPairId: found['Key-Pair-Id'],
    algorithm,
    customPolicy: custom,
    policy: policyJson,
    signatureBytes: signature.length,
    ...describePolicy(policyJson),
  };
}

// Whether a policy Resource (with * and ? wildcards) covers a URL.
export function resourceCovers(resource, url) {
  if (resource === undefined) return true;
  const pattern = resource.split('').map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${pattern}$`, 's').test(url);
}
