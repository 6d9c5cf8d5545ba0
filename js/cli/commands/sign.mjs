// cfsign sign: a signed URL, as `aws cloudfront sign` prints it.
import { parseArgs, requireFlags } from '../args.mjs';
import { applyDeployment } from '../deployment.mjs';
import { translate } from '../errors.mjs';
import { loadPackage } from '../package.mjs';
import { CONDITION_FLAGS, KEY_FLAGS, SIGN_CONTEXT, openSigner, precheck, readConditions } from '../signing.mjs';
import { inAwsCliConditionOrder, inAwsCliOrder } from '../aws-cli-order.mjs';

export const SPEC = {
  flags: { url: { type: 'string' }, 'policy-resource': { type: 'string' }, ...KEY_FLAGS, ...CONDITION_FLAGS },
};

export async function run(argv, io) {
  const values = applyDeployment(parseArgs(argv, SPEC), 'url');
  requireFlags(values, [['url', 'the URL to sign']]);
  const conditions = readConditions(values);
  const { url } = values;
  const resource = values['policy-resource'];
  // The AWS CLI signs a custom policy for a start date, an IP range, a * wildcard in the
  // URL, or a --policy-resource other than the URL; otherwise a canned one.
  const custom = conditions.dateGreaterThan !== undefined || conditions.ipAddress !== undefined
    || url.includes('*') || (resource !== undefined && resource !== url);

  await precheck(url, '--url (the resource to sign)', conditions);
  if (resource !== undefined) await precheck(resource, '--policy-resource', conditions);
  const { buildPolicy, decodeSignedUrl } = await loadPackage();
  const { signer, algorithm } = await openSigner(values, conditions.algorithm);
  let signed;
  try {
    const sign = (options) => translate(() => signer.getSignedUrl({ url, algorithm, ...options }), SIGN_CONTEXT);
    const when = { dateLessThan: conditions.dateLessThan, dateGreaterThan: conditions.dateGreaterThan, ipAddress: conditions.ipAddress };
    if (!custom) {
      signed = sign({ dateLessThan: conditions.dateLessThan });
    } else if (resource !== undefined || url.includes('*')) {
      const policy = translate(() => buildPolicy({ resource: resource ?? url, ...when }), {
        ...SIGN_CONTEXT, INVALID_URL: resource !== undefined ? '--policy-resource' : SIGN_CONTEXT.INVALID_URL,
      });
      signed = sign({ policy: inAwsCliConditionOrder(policy) });
    } else {
      signed = sign(when);
      // Same policy bytes as the AWS CLI when both a start date and an IP range are set.
      const { policy } = decodeSignedUrl(signed);
      const reordered = inAwsCliConditionOrder(policy);
      if (reordered !== policy) signed = sign({ policy: reordered });
    }
  } finally {
    signer.dispose();
  }

  const output = inAwsCliOrder(signed);
  if (values.json) {
    io.out(`${JSON.stringify(summary(decodeSignedUrl(output), output, algorithm), null, 2)}\n`);
  } else {
    io.out(`${output}\n`);
  }
}

function summary(info, signedUrl, algorithm) {
  return {
    url: signedUrl,
    keyPairId: info.keyPairId,
    algorithm,
    policyType: info.customPolicy ? 'custom' : 'canned',
    policy: info.policy,
    policyBase64: info.parameters.Policy,
    resource: info.resource,
    expires: info.dateLessThan.toISOString(),
    expiresEpoch: info.dateLessThan.getTime() / 1000,
    ...(info.dateGreaterThan !== undefined && {
      activeFrom: info.dateGreaterThan.toISOString(), activeFromEpoch: info.dateGreaterThan.getTime() / 1000,
    }),
    ...(info.ipAddress !== undefined && { ipAddress: info.ipAddress }),
    signature: info.parameters.Signature,
  };
}
