// cfsign sign-cookies: the three or four CloudFront-* cookies, as Set-Cookie lines.
import { parseArgs, requireFlags } from '../args.mjs';
import { applyDeployment } from '../deployment.mjs';
import { translate, usage } from '../errors.mjs';
import { loadPackage } from '../package.mjs';
import { CONDITION_FLAGS, KEY_FLAGS, SIGN_CONTEXT, openSigner, precheck, readConditions } from '../signing.mjs';
import { inAwsCliConditionOrder } from '../aws-cli-order.mjs';

const CONTEXT = { ...SIGN_CONTEXT, INVALID_URL: '--resource' };

export const SPEC = {
  flags: {
    // --resource is the AWS CLI's name; --url reads the same.
    resource: { type: 'string', aliases: ['url'] },
    domain: { type: 'string' },
    path: { type: 'string' },
    ...KEY_FLAGS,
    ...CONDITION_FLAGS,
  },
};

// The order CloudFront's documentation lists them in.
const COOKIE_ORDER = ['CloudFront-Policy', 'CloudFront-Expires', 'CloudFront-Signature', 'CloudFront-Key-Pair-Id', 'CloudFront-Hash-Algorithm'];

export async function run(argv, io) {
  const values = applyDeployment(parseArgs(argv, SPEC), 'resource');
  requireFlags(values, [['resource', 'the URL, or URL pattern with * wildcards, the cookies grant']]);
  const conditions = readConditions(values);
  const { resource } = values;
  const path = values.path ?? '/';
  if (!/^\/[^\s;,]*$/.test(path)) throw usage('--path must start with "/" and hold no spaces, commas or semicolons');
  if (values.domain !== undefined && !/^\.?[A-Za-z0-9.-]+$/.test(values.domain)) throw usage('--domain must be a host name such as example.com');
  // As in the AWS CLI: custom for a start date, an IP range or a * wildcard.
  const custom = conditions.dateGreaterThan !== undefined || conditions.ipAddress !== undefined || resource.includes('*');

  await precheck(resource, '--resource', conditions);
  const { buildPolicy, decodeSignedCookies } = await loadPackage();
  const { signer, algorithm } = await openSigner(values, conditions.algorithm);
  let cookies;
  try {
    const sign = (options) => translate(() => signer.getSignedCookies({ algorithm, ...options }), CONTEXT);
    const when = { dateLessThan: conditions.dateLessThan, dateGreaterThan: conditions.dateGreaterThan, ipAddress: conditions.ipAddress };
    if (!custom) {
      cookies = sign({ url: resource, dateLessThan: conditions.dateLessThan });
    } else if (resource.includes('*')) {
      const policy = translate(() => buildPolicy({ resource, ...when }), CONTEXT);
      cookies = sign({ policy: inAwsCliConditionOrder(policy) });
    } else {
      cookies = sign({ url: resource, ...when });
      const { policy } = decodeSignedCookies(resource, cookies);
      const reordered = inAwsCliConditionOrder(policy);
      if (reordered !== policy) cookies = sign({ policy: reordered });
    }
  } finally {
    signer.dispose();
  }

  const names = COOKIE_ORDER.filter((name) => cookies[name] !== undefined);
  const attributes = [values.domain && `Domain=${values.domain}`, `Path=${path}`, 'Secure', 'HttpOnly'].filter(Boolean).join('; ');
  const lines = names.map((name) => `Set-Cookie: ${name}=${cookies[name]}; ${attributes}`);
  if (!values.json) {
    io.out(`${lines.join('\n')}\n`);
    return;
  }
  const info = decodeSignedCookies(resource, cookies);
  const { policy } = info;
  io.out(`${JSON.stringify({
    cookies: Object.fromEntries(names.map((name) => [name, String(cookies[name])])),
    setCookie: lines.map((line) => line.slice('Set-Cookie: '.length)),
    keyPairId: cookies['CloudFront-Key-Pair-Id'],
    algorithm,
    policyType: custom ? 'custom' : 'canned',
    policy,
    policyBase64: cookies['CloudFront-Policy'],
    resource: info.resource,
    expires: info.dateLessThan.toISOString(),
    expiresEpoch: info.dateLessThan.getTime() / 1000,
    ...(info.dateGreaterThan !== undefined && { activeFrom: info.dateGreaterThan.toISOString() }),
    ...(info.ipAddress !== undefined && { ipAddress: info.ipAddress }),
  }, null, 2)}\n`);
}
