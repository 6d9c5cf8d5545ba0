// cfsign sign-cookies: the three or four CloudFront-* cookies, as Set-Cookie lines.
import { parseArgs, requireFlags } from '../args.mjs';
import { applyDeployment } from '../deployment.mjs';
import { translate, usage } from '../errors.mjs';
import { loadPackage } from '../package.mjs';
import {
  CONDITION_FLAGS, KEY_FLAGS, SIGN_CONTEXT, buildCliPolicy, openSigner, policySummary, readConditions, warnIfExpired,
} from '../signing.mjs';

const CONTEXT = { ...SIGN_CONTEXT, INVALID_URL: '--resource' };

export const SPEC = {
  flags: {
    // --resource, as in the AWS CLI's sign-cookies test vectors (tests/fixtures/aws-cli); --url reads the same.
    resource: { type: 'string', aliases: ['url'] },
    domain: { type: 'string' },
    path: { type: 'string' },
    ...KEY_FLAGS,
    ...CONDITION_FLAGS,
  },
};

export async function run(argv, io) {
  const values = applyDeployment(parseArgs(argv, SPEC), 'resource');
  requireFlags(values, [['resource', 'the URL, or URL pattern with * wildcards, the cookies grant']]);
  const conditions = readConditions(values);
  const { resource } = values;
  const path = values.path ?? '/';
  if (!/^\/[^\s;,]*$/.test(path)) throw usage('--path must start with "/" and hold no spaces, commas or semicolons');
  if (values.domain !== undefined && !/^\.?[A-Za-z0-9.-]+$/.test(values.domain)) throw usage('--domain must be a host name such as example.com');
  // Custom for a start date, an IP range or a * wildcard: a canned cookie names no
  // resource, so it could only ever grant the one URL a wildcard stands for.
  const wildcard = resource.includes('*');
  const custom = conditions.dateGreaterThan !== undefined || conditions.ipAddress !== undefined || wildcard;
  // A pattern is used as given; a plain URL is encoded as a signed URL for it would be.
  const policy = await buildCliPolicy(wildcard ? { resource } : { url: resource }, '--resource', conditions);

  const { signer, algorithm } = await openSigner(values, conditions.algorithm);
  let cookies;
  try {
    const options = custom ? { policy } : { url: resource, dateLessThan: conditions.dateLessThan };
    cookies = translate(() => signer.getSignedCookies({ algorithm, ...options }), CONTEXT);
  } finally {
    signer.dispose();
  }

  warnIfExpired(io, 'sign-cookies', conditions);
  // The core's list is in the order CloudFront's documentation lists the cookies in.
  const { SIGNING_PARAMETERS } = await loadPackage();
  const names = Object.values(SIGNING_PARAMETERS).map(({ cookie }) => cookie).filter((name) => cookies[name] !== undefined);
  const attributes = [values.domain && `Domain=${values.domain}`, `Path=${path}`, 'Secure', 'HttpOnly'].filter(Boolean).join('; ');
  const lines = names.map((name) => `Set-Cookie: ${name}=${cookies[name]}; ${attributes}`);
  if (!values.json) {
    io.out(`${lines.join('\n')}\n`);
    return;
  }
  io.out(`${JSON.stringify({
    cookies: Object.fromEntries(names.map((name) => [name, String(cookies[name])])),
    setCookie: lines.map((line) => line.slice('Set-Cookie: '.length)),
    keyPairId: cookies[SIGNING_PARAMETERS.keyPairId.cookie],
    algorithm,
    ...policySummary(policy, custom),
  }, null, 2)}\n`);
}
