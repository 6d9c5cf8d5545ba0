// cfsign inspect: what a signed URL allows, read from the URL alone (no key, no check).
import { parseArgs } from '../args.mjs';
import { formatDate, formatRelative, parseDate } from '../dates.mjs';
import { CliError, EXIT, fromPackageError, isPackageError, usage } from '../errors.mjs';
import { loadPackage } from '../package.mjs';

export const SPEC = {
  flags: { json: { type: 'boolean' }, now: { type: 'string' } },
  positionals: ['url'],
};

export async function run(argv, io) {
  const values = parseArgs(argv, SPEC);
  if (values.url === undefined) throw usage('the signed URL to inspect is required: cfsign inspect <url>');
  const now = values.now === undefined ? Date.now() : parseDate(values.now, '--now');
  const { decodeSignedUrl } = await loadPackage();
  const info = readSignedUrl(decodeSignedUrl, values.url);
  const covers = info.resourceMatchesUrl;
  const expires = info.dateLessThan.getTime();
  const activeFrom = info.dateGreaterThan?.getTime();
  const state = now >= expires ? 'expired'
    : activeFrom !== undefined && now < activeFrom ? 'not yet valid' : 'within its dates';

  if (values.json) {
    io.out(`${JSON.stringify({
      url: info.url,
      keyPairId: info.keyPairId,
      algorithm: info.algorithm,
      policyType: info.customPolicy ? 'custom' : 'canned',
      policy: info.policy,
      resource: info.resource,
      resourceCoversUrl: covers,
      expires: info.dateLessThan.toISOString(),
      ...(activeFrom !== undefined && { activeFrom: info.dateGreaterThan.toISOString() }),
      ...(info.ipAddress !== undefined && { ipAddress: info.ipAddress }),
      state,
      signatureBytes: info.signature.length,
    }, null, 2)}\n`);
    return;
  }

  const rows = [
    ['URL', info.url],
    ['Policy', info.customPolicy ? 'custom (Policy parameter)' : 'canned (Expires parameter)'],
    ['Key pair ID', info.keyPairId],
    ['Hash', `${info.algorithm}${info.algorithm === 'SHA1' ? ' (no Hash-Algorithm parameter)' : ''}`],
    ['Signature', `${info.signature.length} bytes (${signatureKind(info.signature.length)})`],
    ['Resource', resourceText(info, covers)],
    ['Expires', `${formatDate(expires)} (${formatRelative(expires, now)})`],
    ['Active from', activeFrom === undefined ? 'any time before it expires'
      : `${formatDate(activeFrom)} (${formatRelative(activeFrom, now)})`],
    ['Viewer IP', info.ipAddress === undefined ? 'any' : `${info.ipAddress} only`],
    ['Status', `${state}; the signature is not checked (use cfsign verify with the public key)`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  io.out(`${rows.map(([label, text]) => `${label.padEnd(width)}  ${text}`).join('\n')}\n`);
  if (info.customPolicy) io.out(`${'Policy JSON'.padEnd(width)}  ${info.policy}\n`);
}

// The URL is this command's input: one it cannot read is a usage error, as in the AWS CLI.
function readSignedUrl(decodeSignedUrl, url) {
  try {
    return decodeSignedUrl(url);
  } catch (error) {
    if (!isPackageError(error)) throw error;
    throw new CliError(error.code, fromPackageError(error).message, EXIT.USAGE);
  }
}

function signatureKind(bytes) {
  if (bytes === 256) return 'RSA-2048';
  if (bytes >= 8 && bytes <= 72) return 'ECDSA P-256';
  return 'not a CloudFront key size';
}

function resourceText(info, covers) {
  if (info.resource === undefined) return 'any URL (the policy names no Resource)';
  const wildcard = /[*?]/.test(info.resource) ? ' (with wildcards)' : '';
  return `${info.resource}${wildcard}${covers ? '' : ' (does NOT cover this URL)'}`;
}
