// cfsign verify: checks a signed URL (or signed cookies) the way CloudFront would.
import { parseArgs, requireFlags } from '../args.mjs';
import { formatDate, formatRelative, parseDate } from '../dates.mjs';
import { CliError, EXIT, fromPackageError, isPackageError, usage } from '../errors.mjs';
import { readKeyFlag } from '../inputs.mjs';
import { loadPackage } from '../package.mjs';

export const SPEC = {
  flags: {
    'key-pair-id': { type: 'string', multiple: true },
    'public-key': { type: 'string', multiple: true },
    'source-ip': { type: 'string' },
    now: { type: 'string' },
    cookie: { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: ['url'],
};

export async function run(argv, io) {
  const values = parseArgs(argv, SPEC);
  if (values.url === undefined) throw usage('the URL to verify is required: cfsign verify <url> --key-pair-id ID --public-key file://public_key.pem');
  requireFlags(values, [['key-pair-id', 'the trusted key pair ID'], ['public-key', 'file://path/to/public_key.pem']]);
  const ids = values['key-pair-id'];
  const keys = values['public-key'];
  if (ids.length !== keys.length) {
    throw usage(`give one --public-key per --key-pair-id (got ${ids.length} IDs and ${keys.length} keys)`);
  }
  const publicKeys = new Map();
  ids.forEach((id, i) => {
    const bytes = readKeyFlag(keys[i], '--public-key');
    publicKeys.set(id, isPem(bytes) ? bytes.toString('utf8') : new Uint8Array(bytes));
  });
  const realNow = Date.now();
  const now = values.now === undefined ? realNow : parseDate(values.now, '--now', realNow);
  const options = { publicKeys, now, ...(values['source-ip'] !== undefined && { sourceIp: values['source-ip'] }) };

  const lib = await loadPackage();
  let result;
  try {
    result = values.cookie !== undefined
      ? lib.verifySignedCookies(values.url, values.cookie, options)
      : lib.verifySignedUrl(values.url, options);
  } catch (error) {
    if (!isPackageError(error)) throw error;
    throw explain(error, values, now, ids, readConditionsQuietly(lib, values));
  }

  if (values.json) {
    io.out(`${JSON.stringify({
      valid: true,
      keyPairId: result.keyPairId,
      algorithm: result.algorithm,
      policyType: result.customPolicy ? 'custom' : 'canned',
      policy: result.policy,
      url: result.url,
      resource: result.resource,
      expires: result.dateLessThan.toISOString(),
      ...(result.dateGreaterThan && { activeFrom: result.dateGreaterThan.toISOString() }),
      ...(result.ipAddress !== undefined && { ipAddress: result.ipAddress }),
    }, null, 2)}\n`);
    return;
  }
  const parts = [
    `${result.customPolicy ? 'custom' : 'canned'} policy`,
    result.algorithm,
    `key ${result.keyPairId}`,
    `expires ${formatDate(result.dateLessThan.getTime())} (${formatRelative(result.dateLessThan.getTime(), now)})`,
  ];
  if (result.dateGreaterThan) parts.push(`active from ${formatDate(result.dateGreaterThan.getTime())}`);
  if (result.ipAddress !== undefined) parts.push(`IP ${result.ipAddress}`);
  if (result.customPolicy && result.resource !== undefined) parts.push(`resource ${result.resource}`);
  io.out(`valid: ${parts.join(', ')}\n`);
}

function isPem(bytes) {
  return /^\s*-----BEGIN /.test(bytes.subarray(0, 64).toString('latin1'));
}

// The package's reason, with the dates and values that make it actionable.
function explain(error, values, now, ids, info) {
  const base = fromPackageError(error, { INVALID_KEY: '--public-key', UNSUPPORTED_KEY: '--public-key', INVALID_IP: '--source-ip' });
  let detail = '';
  switch (error.code) {
    case 'EXPIRED':
      if (info) detail = `it expired at ${formatDate(info.dateLessThan)}, ${formatRelative(info.dateLessThan, now).replace(/ ago$/, '')} before ${values.now ? '--now' : 'now'}`;
      break;
    case 'NOT_YET_VALID':
      if (info?.dateGreaterThan !== undefined) detail = `it becomes valid at ${formatDate(info.dateGreaterThan)}, ${formatRelative(info.dateGreaterThan, now).replace(/^in /, '')} after ${values.now ? '--now' : 'now'}`;
      break;
    case 'IP_MISMATCH':
      // Without --source-ip the package already says what to do.
      if (values['source-ip'] !== undefined) detail = `--source-ip ${values['source-ip']}`;
      break;
    case 'BAD_SIGNATURE':
      detail = 'the URL or its policy was changed after signing, or it was signed with another key';
      break;
    case 'UNKNOWN_KEY':
      detail = `${info?.keyPairId ? `the URL names ${info.keyPairId}, ` : ''}trusted: ${ids.join(', ')}`;
      break;
    case 'RESOURCE_MISMATCH':
      if (info?.resource !== undefined) detail = `the policy covers ${info.resource}`;
      break;
    default:
      break;
  }
  if (!detail) return base;
  return new CliError(base.code, `${base.message} (${detail})`, base.exitCode ?? EXIT.FAILED);
}

// Best effort: the policy's conditions (dates in milliseconds), for the error message only.
function readConditionsQuietly(lib, values) {
  try {
    const info = values.cookie === undefined
      ? lib.decodeSignedUrl(values.url) : lib.decodeSignedCookies(values.url, values.cookie);
    return { ...info, dateLessThan: info.dateLessThan.getTime(), dateGreaterThan: info.dateGreaterThan?.getTime() };
  } catch {
    // The package's message stands alone.
  }
  return null;
}
