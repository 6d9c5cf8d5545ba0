// cfsign sign: a signed URL, byte for byte as `aws cloudfront sign` prints it.
import { parseArgs, requireFlags } from '../args.mjs';
import { applyDeployment } from '../deployment.mjs';
import { translate } from '../errors.mjs';
import {
  CONDITION_FLAGS, KEY_FLAGS, SIGN_CONTEXT, buildCliPolicy, openSigner, policySummary, readConditions, warnIfExpired,
} from '../signing.mjs';

export const SPEC = {
  flags: { url: { type: 'string' }, 'policy-resource': { type: 'string' }, ...KEY_FLAGS, ...CONDITION_FLAGS },
};

export async function run(argv, io) {
  const values = applyDeployment(parseArgs(argv, SPEC), 'url');
  requireFlags(values, [['url', 'the URL to sign']]);
  const conditions = readConditions(values);
  const { url } = values;
  const resource = values['policy-resource'];
  // As in the AWS CLI: custom for a start date or an IP range, otherwise canned. A * in
  // --url is a literal character there, so canned too; --policy-resource is our way to a
  // wildcard policy.
  const custom = conditions.dateGreaterThan !== undefined || conditions.ipAddress !== undefined || resource !== undefined;
  const policy = resource === undefined
    ? await buildCliPolicy({ url }, SIGN_CONTEXT.INVALID_URL, conditions)
    : await buildCliPolicy({ resource }, '--policy-resource', conditions);

  const { signer, algorithm } = await openSigner(values, conditions.algorithm);
  let signed;
  try {
    const options = custom ? { policy } : { dateLessThan: conditions.dateLessThan };
    signed = translate(() => signer.getSignedUrl({ url, algorithm, order: 'aws-cli', ...options }), {
      ...SIGN_CONTEXT,
      INVALID_POLICY: '--policy-resource must match --url as it is sent, percent-encoded (e.g. $ as %24)',
    });
  } finally {
    signer.dispose();
  }

  warnIfExpired(io, 'sign', conditions);
  if (values.json) {
    const summary = { url: signed, keyPairId: values['key-pair-id'], algorithm, ...policySummary(policy, custom) };
    io.out(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    io.out(`${signed}\n`);
  }
}
