// The AWS CLI's (botocore's) order for what `sign` and `sign-cookies` print. The
// package writes aws-sdk's order; CloudFront reads either. Reading a signed URL is
// the package's job (decodeSignedUrl); this only moves its parts around.

const SIGNING_PARAMS = ['Expires', 'Policy', 'Signature', 'Key-Pair-Id', 'Hash-Algorithm'];

// Splits the query by hand: URL/URLSearchParams would re-encode what was signed.
function splitUrl(text) {
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

// The AWS CLI (botocore) writes Expires or Policy, then Signature, then Key-Pair-Id.
export function inAwsCliOrder(signedUrl) {
  const { base, params } = splitUrl(signedUrl);
  const others = params.filter((p) => !SIGNING_PARAMS.includes(p.name));
  const rank = (name) => SIGNING_PARAMS.indexOf(name);
  const signing = params.filter((p) => SIGNING_PARAMS.includes(p.name)).sort((a, b) => rank(a.name) - rank(b.name));
  return joinUrl(base, [...others, ...signing]);
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
