// What `sign` and `sign-cookies` share: the key, the dates, the hash algorithm and
// the choice between a canned and a custom policy.
import { requireFlags } from './args.mjs';
import { parseDate } from './dates.mjs';
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
  // --hash-algorithm is the AWS CLI's name for it.
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
  return { dateLessThan, dateGreaterThan, ipAddress: values['ip-address'], algorithm };
}

// Parses the key once. The caller disposes the signer.
export async function openSigner(values, requestedAlgorithm) {
  const { CloudFrontSigner } = await loadPackage();
  const privateKey = readKeyFlag(values['private-key'], '--private-key');
  const passphrase = readPassphrase(values);
  const signer = translate(() => new CloudFrontSigner({ keyPairId: values['key-pair-id'], privateKey, passphrase }), KEY_CONTEXT);
  privateKey.fill(0);
  // ECDSA signs with SHA256, as the AWS CLI requires; RSA keeps CloudFront's SHA1 default.
  if (signer.keyType === 'ec' && requestedAlgorithm === 'SHA1') {
    signer.dispose();
    throw new CliError('USAGE', '--algorithm SHA1 cannot be used with an ECDSA key: ECDSA keys sign with SHA256 (drop --algorithm or pass --algorithm SHA256)', EXIT.USAGE);
  }
  const algorithm = requestedAlgorithm ?? (signer.keyType === 'ec' ? 'SHA256' : 'SHA1');
  return { signer, algorithm };
}

// Checks the URL, dates and IP range before the key is read, so a bad value is reported
// as the value's fault (exit 252) whatever the key.
export async function precheck(resource, flag, conditions) {
  if (!/^https?:\/\/[^/?#]/i.test(resource)) {
    throw new CliError('INVALID_URL', `${flag} must be an absolute http:// or https:// URL`);
  }
  // These would end up escaped inside the policy JSON, which then no longer names the resource.
  if (/["\\\x00-\x1f\x7f]/.test(resource)) {
    throw new CliError('INVALID_URL', `${flag}: the resource contains a double quote, backslash or control character`);
  }
  const { buildPolicy } = await loadPackage();
  const { dateLessThan, dateGreaterThan, ipAddress } = conditions;
  translate(() => buildPolicy({ resource, dateLessThan, dateGreaterThan, ipAddress }), { INVALID_IP: '--ip-address' });
}

export const SIGN_CONTEXT = {
  INVALID_URL: '--url (the resource to sign)',
  INVALID_IP: '--ip-address',
  INVALID_POLICY: '--policy-resource',
};
