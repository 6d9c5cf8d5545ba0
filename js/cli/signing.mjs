// What `sign` and `sign-cookies` share: the key, the dates, the hash algorithm and
// the policy, built once in the AWS CLI's byte order.
import { requireFlags } from './args.mjs';
import { formatDate, formatRelative, parseDate } from './dates.mjs';
import { CliError, EXIT, translate, usage } from './errors.mjs';
import { readKeyFlag, readPassphrase } from './inputs.mjs';
import { loadPackage } from './package.mjs';

export const KEY_FLAGS = {
  'key-pair-id': { type: 'string' },
  'private-key': { type: 'string' },
  passphrase: { type: 'string' },
  'passphrase-file': { type: 'string' },
};

export const CONDITION_FLAGS = {
  'date-less-than': { type: 'string' },
  'date-greater-than': { type: 'string' },
  'ip-address': { type: 'string' },
  // --hash-algorithm is its name in the AWS CLI's test vectors (tests/fixtures/aws-cli).
  algorithm: { type: 'string', aliases: ['hash-algorithm'] },
  json: { type: 'boolean' },
};

// Key errors are the key's, not the command line's: the AWS CLI exits 255 for them too.
const KEY_CONTEXT = {
  INVALID_KEY: '--private-key',
  UNSUPPORTED_KEY: '--private-key',
  WRONG_PASSPHRASE: '--private-key',
  INVALID_ARGUMENT: '--key-pair-id',
};

export function readConditions(values) {
  requireFlags(values, [
    ['key-pair-id', 'the ID of the public key in your CloudFront key group'],
    ['private-key', 'file://path/to/private_key.pem'],
    ['date-less-than', 'when the signature expires'],
  ]);
  const now = Date.now();
  const dateLessThan = parseDate(values['date-less-than'], '--date-less-than', now);
  const dateGreaterThan = values['date-greater-than'] === undefined
    ? undefined : parseDate(values['date-greater-than'], '--date-greater-than', now);
  if (dateGreaterThan !== undefined && dateGreaterThan >= dateLessThan) {
    throw new CliError('INVALID_DATE',
      '--date-greater-than (when the signature becomes active) must be before --date-less-than (its expiration)');
  }
  let algorithm;
  if (values.algorithm !== undefined) {
    algorithm = values.algorithm.toUpperCase().replace('-', '');
    if (algorithm !== 'SHA1' && algorithm !== 'SHA256') throw usage(`--algorithm must be SHA1 or SHA256, not "${values.algorithm}"`);
  }
  return { dateLessThan, dateGreaterThan, ipAddress: values['ip-address'], algorithm, now };
}

// The AWS CLI signs an expired date silently; we sign it too (an expired URL is useful
// for testing a 403), but say so, since CloudFront will refuse it.
export function warnIfExpired(io, command, { dateLessThan, now }) {
  if (dateLessThan > now) return;
  io.errStream.write(`cfsign ${command}: warning: --date-less-than is ${formatDate(dateLessThan)}, ${formatRelative(dateLessThan, now)}: CloudFront will refuse this signature\n`);
}

// Parses the key once. The caller disposes the signer.
export async function openSigner(values, requestedAlgorithm) {
  const { CloudFrontSigner } = await loadPackage();
  const privateKey = readKeyFlag(values['private-key'], '--private-key');
  const passphrase = readPassphrase(values);
  const signer = translate(() => new CloudFrontSigner({ keyPairId: values['key-pair-id'], privateKey, passphrase }), KEY_CONTEXT);
  privateKey.fill(0);
  // ECDSA signs with SHA256; RSA keeps CloudFront's SHA1 default.
  if (signer.keyType === 'ec' && requestedAlgorithm === 'SHA1') {
    signer.dispose();
    throw new CliError('USAGE', '--algorithm SHA1 cannot be used with an ECDSA key: ECDSA keys sign with SHA256 (drop --algorithm or pass --algorithm SHA256)', EXIT.USAGE);
  }
  const algorithm = requestedAlgorithm ?? (signer.keyType === 'ec' ? 'SHA256' : 'SHA1');
  return { signer, algorithm };
}

// The policy a command signs, or (when there is no start date or IP range) the canned
// one CloudFront rebuilds from the URL. Built before the key is read, so that a bad value
// is reported as the value's fault (exit 252) whatever the key. `target` is { url }
// (checked and encoded by the package as it will be signed) or { resource } (a pattern,
// used as given); `flag` names it in errors.
export async function buildCliPolicy(target, flag, { dateLessThan, dateGreaterThan, ipAddress }) {
  if (target.resource !== undefined) checkPattern(target.resource, flag);
  const { buildPolicy } = await loadPackage();
  return translate(() => buildPolicy({ ...target, dateLessThan, dateGreaterThan, ipAddress, order: 'aws-cli' }),
    { INVALID_URL: flag, INVALID_IP: '--ip-address' });
}

function checkPattern(resource, flag) {
  if (!/^https?:\/\/[^/?#]/i.test(resource)) {
    throw new CliError('INVALID_URL', `${flag} must be an absolute http:// or https:// URL`);
  }
  // These would end up escaped inside the policy JSON, which then no longer names the resource.
  if (/["\\\x00-\x1f\x7f]/.test(resource)) {
    throw new CliError('INVALID_URL', `${flag}: the resource contains a double quote, backslash or control character`);
  }
}

// What --json prints about a policy: read from the JSON the package built.
export function policySummary(policy, custom) {
  const { Resource: resource, Condition: condition } = JSON.parse(policy).Statement[0];
  const expiresEpoch = condition.DateLessThan['AWS:EpochTime'];
  const activeFromEpoch = condition.DateGreaterThan?.['AWS:EpochTime'];
  const ipAddress = condition.IpAddress?.['AWS:SourceIp'];
  return {
    policyType: custom ? 'custom' : 'canned',
    policy,
    resource,
    expires: new Date(expiresEpoch * 1000).toISOString(),
    expiresEpoch,
    ...(activeFromEpoch !== undefined && { activeFrom: new Date(activeFromEpoch * 1000).toISOString(), activeFromEpoch }),
    ...(ipAddress !== undefined && { ipAddress }),
  };
}

export const SIGN_CONTEXT = {
  INVALID_URL: '--url (the resource to sign)',
  INVALID_IP: '--ip-address',
};
