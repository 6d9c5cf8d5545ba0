'use strict';
// Checks infra/template.yaml for real (references, resource types, the bucket
// policy, the managed policy IDs, CORS) and drives infra/deploy and
// infra/teardown against a fake `aws`, so none of it needs an AWS account.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawnSync } = require('node:child_process');
const YAML = require('yaml');

const ROOT = path.resolve(__dirname, '..', '..');
const TEMPLATE = path.join(ROOT, 'infra', 'template.yaml');
const DEPLOY = path.join(ROOT, 'infra', 'deploy');
const TEARDOWN = path.join(ROOT, 'infra', 'teardown');

const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';
const ALL_VIEWER = '216adef6-5c7f-47e4-b989-5492eafa07d3';
const EDGE_ORIGIN_REQUEST_POLICY = path.join(ROOT, 'web-demo', 'server', 'origin-request-policy.js');
const CORS_WITH_PREFLIGHT = '5cc3b908-e619-4b99-88e5-2cf7f45965bd';

// ---------------------------------------------------------------------------
// CloudFormation YAML: short-form tags mapped to the long JSON form.

// The node kinds each short form may tag, as CloudFormation allows them.
const SHORT_FORMS = {
  Ref: ['scalar'],
  Condition: ['scalar'],
  Sub: ['scalar', 'seq'],
  GetAtt: ['scalar', 'seq'],
  Join: ['seq'],
  Select: ['seq'],
  Split: ['seq'],
  If: ['seq'],
  Equals: ['seq'],
  Not: ['seq'],
  And: ['seq'],
  Or: ['seq'],
  FindInMap: ['seq'],
  GetAZs: ['scalar', 'map'],
  ImportValue: ['scalar', 'map'],
  Base64: ['scalar', 'map'],
  Cidr: ['seq'],
};

function longForm(name, value) {
  if (name === 'Ref') return { Ref: value };
  if (name === 'Condition') return { Condition: value };
  if (name === 'GetAtt' && typeof value === 'string') {
    // `Res.Attr.Sub` is resource `Res`, attribute `Attr.Sub`.
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
}

const cfnTags = Object.entries(SHORT_FORMS).flatMap(([name, kinds]) =>
  kinds.map((kind) =>
    kind === 'scalar'
      ? { tag: `!${name}`, resolve: (str) => longForm(name, str) }
      : { tag: `!${name}`, collection: kind, resolve: (node) => longForm(name, node.toJSON()) },
  ),
);

function parseCfn(text) {
  const doc = YAML.parseDocument(text, { customTags: cfnTags, uniqueKeys: true });
  // An unknown tag or a tag on the wrong kind of node is only a warning to yaml.
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length) throw new Error(problems.map((e) => e.message).join('\n'));
  return doc.toJS();
}

// ---------------------------------------------------------------------------
// Template checks that return a list of problems, so tests can also prove that
// they catch broken templates.

const PSEUDO = new Set([
  'AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition',
  'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix',
]);

// Allowed resource types, the properties each needs (dotted paths), and the
// attributes Fn::GetAtt may read.
const KNOWN_TYPES = {
  'AWS::S3::Bucket': {
    required: [],
    attrs: ['Arn', 'DomainName', 'RegionalDomainName', 'DualStackDomainName', 'WebsiteURL'],
  },
  'AWS::S3::BucketPolicy': { required: ['Bucket', 'PolicyDocument.Statement'], attrs: [] },
  'AWS::CloudFront::PublicKey': {
    required: ['PublicKeyConfig.CallerReference', 'PublicKeyConfig.Name', 'PublicKeyConfig.EncodedKey'],
    attrs: ['Id', 'CreatedTime'],
  },
  'AWS::CloudFront::KeyGroup': {
    required: ['KeyGroupConfig.Name', 'KeyGroupConfig.Items'],
    attrs: ['Id', 'LastModifiedTime'],
  },
  'AWS::CloudFront::OriginAccessControl': {
    required: [
      'OriginAccessControlConfig.Name',
      'OriginAccessControlConfig.OriginAccessControlOriginType',
      'OriginAccessControlConfig.SigningBehavior',
      'OriginAccessControlConfig.SigningProtocol',
    ],
    attrs: ['Id'],
  },
  'AWS::CloudFront::OriginRequestPolicy': {
    required: [
      'OriginRequestPolicyConfig.Name',
      'OriginRequestPolicyConfig.HeadersConfig.HeaderBehavior',
      'OriginRequestPolicyConfig.CookiesConfig.CookieBehavior',
      'OriginRequestPolicyConfig.QueryStringsConfig.QueryStringBehavior',
    ],
    attrs: ['Id', 'LastModifiedTime'],
  },
  'AWS::CloudFront::ResponseHeadersPolicy': {
    required: ['ResponseHeadersPolicyConfig.Name'],
    attrs: ['Id', 'LastModifiedTime'],
  },
  'AWS::CloudFront::Distribution': {
    required: [
      'DistributionConfig.Enabled',
      'DistributionConfig.Origins',
      'DistributionConfig.DefaultCacheBehavior.TargetOriginId',
      'DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy',
    ],
    attrs: ['DomainName', 'Id'],
  },
};

const TOP_LEVEL = ['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Mappings', 'Conditions', 'Rules', 'Resources', 'Outputs', 'Transform'];
const RESOURCE_KEYS = ['Type', 'Properties', 'DependsOn', 'Condition', 'DeletionPolicy', 'UpdateReplacePolicy', 'Metadata', 'CreationPolicy', 'UpdatePolicy'];

const get = (obj, dotted) => dotted.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);

// Names inside `${...}` of a Fn::Sub string; `${!Literal}` is an escape, not a reference.
function subNames(str) {
  return [...str.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1].trim()).filter((n) => !n.startsWith('!'));
}

function checkReferences(t) {
  const problems = [];
  const params = new Set(Object.keys(t.Parameters || {}));
  const resources = t.Resources || {};
  const conditions = new Set(Object.keys(t.Conditions || {}));
  const used = new Set();

  const checkRef = (name, where, locals = new Set()) => {
    if (typeof name !== 'string' || !name) return problems.push(`${where}: Ref to ${JSON.stringify(name)}`);
    if (locals.has(name)) return;
    if (params.has(name)) return used.add(name);
    if (name in resources || PSEUDO.has(name)) return;
    problems.push(`${where}: Ref to undeclared ${name}`);
  };
  const checkGetAtt = (res, attr, where) => {
    if (!(res in resources)) return problems.push(`${where}: GetAtt on undeclared resource ${res}`);
    const known = KNOWN_TYPES[resources[res].Type];
    if (typeof attr !== 'string') return problems.push(`${where}: GetAtt ${res} needs an attribute name`);
    if (known && !known.attrs.includes(attr)) problems.push(`${where}: ${resources[res].Type} has no attribute ${attr}`);
  };
  const checkSub = (arg, where) => {
    const [str, vars] = Array.isArray(arg) ? arg : [arg, {}];
    if (typeof str !== 'string') return problems.push(`${where}: Fn::Sub needs a string`);
    const locals = new Set(Object.keys(vars || {}));
    for (const name of subNames(str)) {
      if (locals.has(name)) continue;
      const dot = name.indexOf('.');
      if (dot > 0 && !PSEUDO.has(name)) checkGetAtt(name.slice(0, dot), name.slice(dot + 1), `${where} \${${name}}`);
      else checkRef(name, `${where} \${${name}}`, locals);
    }
    walk(vars || {}, `${where}[vars]`);
  };

  function walk(node, where) {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}[${i}]`));
    if (!node || typeof node !== 'object') return;
    const keys = Object.keys(node);
    if (keys.length === 1) {
      const [k] = keys;
      const v = node[k];
      if (k === 'Ref') return checkRef(v, where);
      if (k === 'Fn::GetAtt') {
        if (!Array.isArray(v) || v.length !== 2) return problems.push(`${where}: malformed Fn::GetAtt`);
        return checkGetAtt(v[0], v[1], where);
      }
      if (k === 'Fn::Sub') return checkSub(v, where);
      if (k === 'Condition' && typeof v === 'string') {
        if (!conditions.has(v)) problems.push(`${where}: undeclared condition ${v}`);
        return;
      }
      if (k === 'Fn::If' && Array.isArray(v) && !conditions.has(v[0])) problems.push(`${where}: undeclared condition ${v[0]}`);
    }
    for (const k of keys) walk(node[k], `${where}.${k}`);
  }

  for (const [id, r] of Object.entries(resources)) {
    walk(r.Properties, `Resources.${id}.Properties`);
    for (const dep of [].concat(r.DependsOn || [])) if (!(dep in resources)) problems.push(`${id}: DependsOn undeclared ${dep}`);
    if (r.Condition && !conditions.has(r.Condition)) problems.push(`${id}: undeclared condition ${r.Condition}`);
  }
  walk(t.Conditions, 'Conditions');
  walk(t.Outputs, 'Outputs');
  for (const p of params) if (!used.has(p)) problems.push(`parameter ${p} is never used`);
  return problems;
}

function checkTypes(t) {
  const problems = [];
  for (const k of Object.keys(t)) if (!TOP_LEVEL.includes(k)) problems.push(`unknown top-level key ${k}`);
  for (const [id, r] of Object.entries(t.Resources || {})) {
    for (const k of Object.keys(r)) if (!RESOURCE_KEYS.includes(k)) problems.push(`${id}: unknown key ${k}`);
    const known = KNOWN_TYPES[r.Type];
    if (!known) { problems.push(`${id}: type ${r.Type} is not on the allowlist`); continue; }
    for (const p of known.required) if (get(r.Properties, p) === undefined) problems.push(`${id}: ${r.Type} needs ${p}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------

const text = fs.readFileSync(TEMPLATE, 'utf8');
const template = parseCfn(text);
const resources = template.Resources;

function only(type) {
  const ids = Object.keys(resources).filter((id) => resources[id].Type === type);
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}`);
  return [ids[0], resources[ids[0]].Properties];
}
const [bucketId, bucket] = only('AWS::S3::Bucket');
const [, bucketPolicy] = only('AWS::S3::BucketPolicy');
const [publicKeyId, publicKey] = only('AWS::CloudFront::PublicKey');
const [keyGroupId, keyGroup] = only('AWS::CloudFront::KeyGroup');
const [oacId, oac] = only('AWS::CloudFront::OriginAccessControl');
const [distributionId, distribution] = only('AWS::CloudFront::Distribution');
const dist = distribution.DistributionConfig;
const behavior = dist.DefaultCacheBehavior;

// A resource's ID, as Ref or as GetAtt Id.
const refersTo = (v, id) =>
  !!v && (v.Ref === id || (Array.isArray(v['Fn::GetAtt']) && v['Fn::GetAtt'][0] === id && v['Fn::GetAtt'][1] === 'Id'));
const asList = (v) => [].concat(v);
const subString = (v) => (v && typeof v['Fn::Sub'] === 'string' ? v['Fn::Sub'] : Array.isArray(v && v['Fn::Sub']) ? v['Fn::Sub'][0] : undefined);

describe('CloudFormation short forms', () => {
  test.each([
    ['!Ref Bucket', { Ref: 'Bucket' }],
    ['!Condition IsProd', { Condition: 'IsProd' }],
    ["!Sub 'arn:${AWS::Partition}:s3:::${B}'", { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${B}' }],
    ["!Sub ['${X}-y', {X: !Ref Z}]", { 'Fn::Sub': ['${X}-y', { X: { Ref: 'Z' } }] }],
    ['!GetAtt Bucket.Arn', { 'Fn::GetAtt': ['Bucket', 'Arn'] }],
    ['!GetAtt Db.Endpoint.Address', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }],
    ['!GetAtt [Bucket, Arn]', { 'Fn::GetAtt': ['Bucket', 'Arn'] }],
    ["!Join ['', [a, !Ref B]]", { 'Fn::Join': ['', ['a', { Ref: 'B' }]] }],
    ['!Select [0, !GetAZs ""]', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
    ["!Split [',', !ImportValue Shared]", { 'Fn::Split': [',', { 'Fn::ImportValue': 'Shared' }] }],
    ["!If [C, !Ref A, !Ref 'AWS::NoValue']", { 'Fn::If': ['C', { Ref: 'A' }, { Ref: 'AWS::NoValue' }] }],
    ['!Equals [!Ref Env, prod]', { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }],
    ['!Not [!Condition C]', { 'Fn::Not': [{ Condition: 'C' }] }],
    ['!And [!Condition A, !Or [!Condition B, !Condition C]]', { 'Fn::And': [{ Condition: 'A' }, { 'Fn::Or': [{ Condition: 'B' }, { Condition: 'C' }] }] }],
    ['!FindInMap [M, !Ref AWS::Region, k]', { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'k'] }],
    ['!Base64 {Fn::Sub: "x${A}"}', { 'Fn::Base64': { 'Fn::Sub': 'x${A}' } }],
    ['!ImportValue {Fn::Sub: "${S}-id"}', { 'Fn::ImportValue': { 'Fn::Sub': '${S}-id' } }],
    ["!Cidr [!GetAtt Vpc.CidrBlock, 6, 8]", { 'Fn::Cidr': [{ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, 6, 8] }],
  ])('%s', (src, expected) => {
    expect(parseCfn(`v: ${src}\n`).v).toEqual(expected);
  });

  test('refuses what CloudFormation refuses: two short forms in a row, !Ref on a list, unknown tags', () => {
    expect(() => parseCfn("v: !Base64 !Sub 'x'\n")).toThrow();
    expect(() => parseCfn('v: !Ref [a, b]\n')).toThrow();
    expect(() => parseCfn('v: !Reff Bucket\n')).toThrow();
  });
});

describe('template structure', () => {
  test('every Ref, GetAtt and ${...} in Sub names a declared resource, parameter or pseudo parameter; no parameter is unused', () => {
    expect(checkReferences(template)).toEqual([]);
  });

  test('every resource type is known and has its required properties', () => {
    expect(checkTypes(template)).toEqual([]);
  });

  test('the checks catch broken templates', () => {
    const broken = (edit) => { const t = structuredClone(template); edit(t); return [...checkReferences(t), ...checkTypes(t)]; };
    expect(broken((t) => { t.Resources[keyGroupId].Properties.KeyGroupConfig.Items = [{ Ref: 'NoSuchKey' }]; }))
      .toEqual([expect.stringContaining('undeclared NoSuchKey')]);
    expect(broken((t) => { t.Resources[bucketId].Properties.X = { 'Fn::Sub': '${Nope.Arn}/*' }; }))
      .toEqual([expect.stringContaining('undeclared resource Nope')]);
    expect(broken((t) => { t.Resources[bucketId].Properties.X = { 'Fn::Sub': '${AWS::Regoin}' }; }))
      .toEqual([expect.stringContaining('undeclared AWS::Regoin')]);
    expect(broken((t) => { t.Resources[bucketId].Properties.X = { 'Fn::GetAtt': [bucketId, 'Arnn'] }; }))
      .toEqual([expect.stringContaining('no attribute Arnn')]);
    expect(broken((t) => { t.Parameters.Unused = { Type: 'String' }; }))
      .toEqual(['parameter Unused is never used']);
    expect(broken((t) => { t.Resources.Fn = { Type: 'AWS::Lambda::Function', Properties: {} }; }))
      .toEqual([expect.stringContaining('not on the allowlist')]);
    expect(broken((t) => { delete t.Resources[publicKeyId].Properties.PublicKeyConfig.CallerReference; }))
      .toEqual([expect.stringContaining('PublicKeyConfig.CallerReference')]);
    // Sub's own variables and ${!Literal} escapes are not references.
    expect(broken((t) => { t.Resources[bucketId].Properties.X = { 'Fn::Sub': ['${Local}-${!NotARef}', { Local: 'x' }] }; }))
      .toEqual([]);
  });
});

describe('parameters', () => {
  test('PublicKey says what it takes, and its pattern takes real RSA-2048 and P-256 PEMs only', () => {
    const p = template.Parameters.PublicKey;
    expect(p.Type).toBe('String');
    expect(p.Description).toMatch(/RSA-2048/);
    expect(p.Description).toMatch(/P-256/);
    expect(p.Description).toMatch(/PEM/);
    expect(p.Description).toMatch(/intact/);
    const re = new RegExp(p.AllowedPattern);
    const pem = (type, opts) => crypto.generateKeyPairSync(type, opts).publicKey.export({ type: 'spki', format: 'pem' });
    expect(pem('rsa', { modulusLength: 2048 })).toMatch(re);
    expect(pem('ec', { namedCurve: 'P-256' })).toMatch(re);
    expect('not a key').not.toMatch(re);
    expect(crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' })).not.toMatch(re);
  });

  test('AllowedOrigin defaults to the local demo, which its own pattern accepts', () => {
    const p = template.Parameters.AllowedOrigin;
    expect(p.Default).toBe('http://127.0.0.1:8080');
    const re = new RegExp(p.AllowedPattern);
    expect(p.Default).toMatch(re);
    expect('https://app.example.com').toMatch(re);
    expect('https://app.example.com/').not.toMatch(re);
    expect('*').not.toMatch(re);
  });
});

describe('S3 bucket', () => {
  test('is private, encrypted with SSE-S3, ACL-free and unversioned', () => {
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
    });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(bucket.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    // infra/teardown empties it with one `aws s3 rm`.
    expect(get(bucket, 'VersioningConfiguration.Status')).not.toBe('Enabled');
  });

  test('CORS lets the AllowedOrigin page PUT, GET and HEAD, and read ETag', () => {
    const rules = bucket.CorsConfiguration.CorsRules;
    const rule = rules.find((r) => r.AllowedMethods.includes('PUT'));
    expect(rule).toBeDefined();
    expect(rule.AllowedMethods).toEqual(expect.arrayContaining(['PUT', 'GET', 'HEAD']));
    expect(rule.AllowedOrigins).toEqual([{ Ref: 'AllowedOrigin' }]);
    expect(rule.ExposedHeaders).toContain('ETag');
  });
});

describe('bucket policy', () => {
  const statements = asList(bucketPolicy.PolicyDocument.Statement);
  const allows = statements.filter((s) => s.Effect === 'Allow');

  test('applies to our bucket', () => {
    expect(bucketPolicy.Bucket).toEqual({ Ref: bucketId });
    expect(bucketPolicy.PolicyDocument.Version).toBe('2012-10-17');
  });

  test('allows only the CloudFront service principal, and only s3:PutObject and s3:GetObject on objects', () => {
    expect(allows.length).toBeGreaterThan(0);
    for (const s of allows) {
      expect(s.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
      expect(asList(s.Action).every((a) => ['s3:PutObject', 's3:GetObject'].includes(a))).toBe(true);
      expect(s.NotPrincipal).toBeUndefined();
      expect(s.NotAction).toBeUndefined();
    }
    const actions = allows.flatMap((s) => asList(s.Action));
    expect(actions).toEqual(expect.arrayContaining(['s3:PutObject', 's3:GetObject']));
  });

  test('each allow names the bucket ARN /* and is bound to this distribution by AWS:SourceArn', () => {
    for (const s of allows) {
      expect(asList(s.Resource)).toEqual([{ 'Fn::Sub': `\${${bucketId}.Arn}/*` }]);
      const conds = s.Condition.StringEquals;
      const key = Object.keys(conds).find((k) => k.toLowerCase() === 'aws:sourcearn');
      expect(key).toBe('AWS:SourceArn');
      const arn = subString(conds[key]);
      expect(arn).toMatch(/^arn:\$\{AWS::Partition\}:cloudfront::\$\{AWS::AccountId\}:distribution\/\$\{(\w+)\}$/);
      expect(subNames(arn)).toContain(distributionId);
    }
  });

  test('denies every request that is not over TLS', () => {
    const deny = statements.find((s) => s.Effect === 'Deny' && s.Condition && s.Condition.Bool);
    expect(deny).toBeDefined();
    expect(String(deny.Condition.Bool['aws:SecureTransport'])).toBe('false');
    expect(deny.Principal).toBe('*');
    expect(asList(deny.Action)).toContain('s3:*');
    expect(asList(deny.Resource)).toEqual(expect.arrayContaining([
      { 'Fn::GetAtt': [bucketId, 'Arn'] },
      { 'Fn::Sub': `\${${bucketId}.Arn}/*` },
    ]));
  });
});

describe('CloudFront signing and origin access', () => {
  test('the public key is the PublicKey parameter, and the key group holds it', () => {
    expect(publicKey.PublicKeyConfig.EncodedKey).toEqual({ Ref: 'PublicKey' });
    expect(keyGroup.KeyGroupConfig.Items).toHaveLength(1);
    expect(refersTo(keyGroup.KeyGroupConfig.Items[0], publicKeyId)).toBe(true);
  });

  test('the OAC signs every S3 request with SigV4', () => {
    expect(oac.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4',
    });
  });
});

describe('distribution', () => {
  test('is enabled, on HTTP/2 and 3, with one S3 origin reached through the OAC', () => {
    expect(dist.Enabled).toBe(true);
    expect(dist.HttpVersion).toBe('http2and3');
    expect(dist.Origins).toHaveLength(1);
    const [origin] = dist.Origins;
    expect(behavior.TargetOriginId).toBe(origin.Id);
    expect(typeof origin.Id).toBe('string');
    expect(['RegionalDomainName', 'DomainName']).toContain(origin.DomainName['Fn::GetAtt'][1]);
    expect(origin.DomainName['Fn::GetAtt'][0]).toBe(bucketId);
    expect(refersTo(origin.OriginAccessControlId, oacId)).toBe(true);
    expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
  });

  test('the default behavior takes uploads: PUT and OPTIONS among CloudFront\'s full method set', () => {
    expect(behavior.AllowedMethods).toEqual(expect.arrayContaining(['PUT', 'OPTIONS']));
    // CloudFront accepts PUT only as part of all seven.
    expect([...behavior.AllowedMethods].sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
    expect(behavior.Compress).toBe(true);
    expect(['https-only', 'redirect-to-https']).toContain(behavior.ViewerProtocolPolicy);
  });

  test('uses the managed CachingDisabled cache policy and our own origin request policy', () => {
    expect(behavior.CachePolicyId).toBe(CACHING_DISABLED);
    expect([ALL_VIEWER_EXCEPT_HOST, ALL_VIEWER]).not.toContain(behavior.OriginRequestPolicyId);
    const [policyId] = only('AWS::CloudFront::OriginRequestPolicy');
    expect(refersTo(behavior.OriginRequestPolicyId, policyId)).toBe(true);
  });

  test('the origin request policy forwards allow-listed headers and query parameters only: no x-amz-*, no cookies', () => {
    const [, policy] = only('AWS::CloudFront::OriginRequestPolicy');
    const config = policy.OriginRequestPolicyConfig;
    expect(config.HeadersConfig.HeaderBehavior).toBe('whitelist');
    const headers = config.HeadersConfig.Headers.map((name) => name.toLowerCase());
    expect(headers.filter((name) => name.startsWith('x-amz-') || ['host', 'authorization', 'cookie'].includes(name))).toEqual([]);
    expect(config.CookiesConfig).toEqual({ CookieBehavior: 'none' });
    expect(config.QueryStringsConfig).toEqual({ QueryStringBehavior: 'whitelist', QueryStrings: ['uploads', 'uploadId', 'partNumber'] });

    // The local edge applies the same lists (it answers CORS itself, and forwards the
    // headers CloudFront forwards on its own: Content-Length, Range, conditionals).
    const edgePolicy = fs.readFileSync(EDGE_ORIGIN_REQUEST_POLICY, 'utf8');
    const listIn = (name) => JSON.parse(new RegExp(`${name} = (\\[[^\\]]*\\])`).exec(edgePolicy)[1].replace(/'/g, '"').replace(/,\s*\]/, ']'));
    const corsHeaders = ['origin', 'access-control-request-method', 'access-control-request-headers'];
    expect(listIn('FORWARDED_QUERY_PARAMETERS')).toEqual(config.QueryStringsConfig.QueryStrings);
    expect(headers.filter((name) => !corsHeaders.includes(name)).sort())
      .toEqual(listIn('FORWARDED_HEADERS').filter((name) => !['content-length', 'range'].includes(name) && !name.startsWith('if-')).sort());
  });

  test('responses carry X-Content-Type-Options: nosniff', () => {
    const [, policy] = only('AWS::CloudFront::ResponseHeadersPolicy');
    expect(policy.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentTypeOptions).toEqual({ Override: true });
  });

  test('trusts only our key group', () => {
    expect(behavior.TrustedKeyGroups).toHaveLength(1);
    expect(refersTo(behavior.TrustedKeyGroups[0], keyGroupId)).toBe(true);
    expect(behavior.TrustedSigners).toBeUndefined();
  });

  test('answers CORS for the AllowedOrigin page, PUT and preflight included', () => {
    const id = behavior.ResponseHeadersPolicyId;
    if (id === CORS_WITH_PREFLIGHT) return;
    const [policyId, policy] = only('AWS::CloudFront::ResponseHeadersPolicy');
    expect(refersTo(id, policyId)).toBe(true);
    const cors = policy.ResponseHeadersPolicyConfig.CorsConfig;
    expect(cors.AccessControlAllowOrigins.Items).toEqual([{ Ref: 'AllowedOrigin' }]);
    expect(cors.AccessControlAllowMethods.Items).toEqual(expect.arrayContaining(['PUT', 'OPTIONS']));
    expect(cors.AccessControlExposeHeaders.Items).toContain('ETag');
    expect(cors.AccessControlAllowCredentials).toBe(false);
  });
});

describe('outputs', () => {
  test('give what infra/deploy writes to cloudfront.json', () => {
    const o = template.Outputs;
    expect(Object.keys(o).sort()).toEqual(['BucketName', 'DistributionDomainName', 'DistributionId', 'PublicKeyId']);
    expect(o.DistributionDomainName.Value).toEqual({ 'Fn::GetAtt': [distributionId, 'DomainName'] });
    expect(refersTo(o.PublicKeyId.Value, publicKeyId)).toBe(true);
    expect(o.BucketName.Value).toEqual({ Ref: bucketId });
    expect(refersTo(o.DistributionId.Value, distributionId)).toBe(true);
  });
});

// ---------------------------------------------------------------------------
// The scripts, against a fake `aws` that records its argv.

const FAKE_AWS = `#!${process.execPath}
const fs = require('fs');
const path = require('path');
const dir = process.env.FAKE_AWS_DIR;
const args = process.argv.slice(2);
fs.appendFileSync(path.join(dir, 'calls.jsonl'), JSON.stringify(args) + '\\n');
const scenario = JSON.parse(fs.readFileSync(path.join(dir, 'scenario.json'), 'utf8'));
const opt = (name) => { const i = args.indexOf(name); return i < 0 ? undefined : args[i + 1]; };
const cmd = args.slice(0, 2).join(' ');
const out = (s) => { process.stdout.write(s + '\\n'); process.exit(0); };
const missing = () => {
  process.stderr.write('\\nAn error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id ' + opt('--stack-name') + ' does not exist\\n');
  process.exit(255);
};
const deployed = () => fs.existsSync(path.join(dir, 'deployed'));
switch (cmd) {
  case 'configure get': process.exit(1);
  case 'sts get-caller-identity': out('123456789012');
  case 'cloudformation describe-stacks': {
    const query = opt('--query');
    if (query === 'Stacks[0].Outputs') {
      if (!scenario.stack && !deployed()) missing();
      out(JSON.stringify(scenario.outputs));
    }
    if (!scenario.stack) missing();
    out(JSON.stringify(scenario.stack));
  }
  case 'cloudformation deploy':
    fs.writeFileSync(path.join(dir, 'deployed'), '');
    out('Successfully created/updated stack - ' + opt('--stack-name'));
  case 's3 rm': out('delete: ' + args[2] + '/uploads/a.bin');
  case 's3api get-bucket-versioning': out(scenario.versioning || 'None');
  case 's3api list-object-versions': {
    const n = Number(fs.existsSync(path.join(dir, 'listed')) ? 1 : 0);
    fs.writeFileSync(path.join(dir, 'listed'), '');
    out(JSON.stringify(n ? {} : scenario.versions));
  }
  case 's3api delete-objects': {
    const file = opt('--delete').replace(/^file:\\/\\//, '');
    fs.copyFileSync(file, path.join(dir, 'deleted.json'));
    out('{}');
  }
  case 'cloudformation delete-stack': out('');
  case 'cloudformation wait': out('');
  default:
    process.stderr.write('fake aws: unexpected call: ' + args.join(' ') + '\\n');
    process.exit(2);
}
`;

const OUTPUTS = [
  { OutputKey: 'DistributionDomainName', OutputValue: 'd111111abcdef8.cloudfront.net' },
  { OutputKey: 'PublicKeyId', OutputValue: 'K2JCJMDEHXQW5F' },
  { OutputKey: 'BucketName', OutputValue: 'cloudfront-signer-uploads-uploadbucket-1a2b3c4d5e6f' },
  { OutputKey: 'DistributionId', OutputValue: 'E1ABCDEFGHIJKL' },
];

const temps = [];
afterAll(() => { for (const d of temps) fs.rmSync(d, { recursive: true, force: true }); });

function sandbox(scenario = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfsigner-infra-'));
  temps.push(dir);
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'aws'), FAKE_AWS, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'scenario.json'), JSON.stringify({ outputs: OUTPUTS, ...scenario }));
  const env = {
    ...process.env,
    PATH: `${bin}${path.delimiter}${process.env.PATH}`,
    FAKE_AWS_DIR: dir,
    CFSIGNER_CONFIG: path.join(dir, 'out', 'cloudfront.json'),
    TMPDIR: dir,
  };
  for (const k of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE']) delete env[k];
  const run = (script, args, input) => spawnSync('bash', [script, ...args], { env, encoding: 'utf8', input: input ?? '' });
  const calls = () => {
    const f = path.join(dir, 'calls.jsonl');
    return fs.existsSync(f) ? fs.readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : [];
  };
  const file = (name, content) => { const p = path.join(dir, name); fs.writeFileSync(p, content); return p; };
  return { dir, env, run, calls, file, config: env.CFSIGNER_CONFIG };
}

const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaPub = rsa.publicKey.export({ type: 'spki', format: 'pem' });
const ecPub = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' });
const repoConfig = path.join(ROOT, 'infra', 'cloudfront.json');
const repoConfigStat = () => (fs.existsSync(repoConfig) ? fs.statSync(repoConfig).mtimeMs : null);

describe('infra scripts', () => {
  test.each([DEPLOY, TEARDOWN])('%s parses (bash -n), is executable and has --help', (script) => {
    expect(spawnSync('bash', ['-n', script]).status).toBe(0);
    expect(fs.statSync(script).mode & 0o111).not.toBe(0);
    const r = spawnSync(script, ['--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: infra\/(deploy|teardown)/);
    expect(r.stdout).toMatch(/--stack-name/);
    expect(r.stdout).toMatch(/--region/);
  });

  test('deploy --help names its required key and defaults', () => {
    const r = spawnSync(DEPLOY, ['--help'], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/--public-key FILE/);
    expect(r.stdout).toMatch(/cloudfront-signer-uploads/);
    expect(r.stdout).toMatch(/http:\/\/127\.0\.0\.1:8080/);
  });

  test('the key files deploy names are the ones cfsign keygen writes', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'keygen-names-'));
    try {
      const keygen = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.mjs'), 'keygen', '--type', 'ec', '--out-dir', out], { encoding: 'utf8' });
      expect(keygen.status).toBe(0);
      const written = fs.readdirSync(out).sort();
      const named = [...new Set([DEPLOY, TEARDOWN].flatMap((script) => fs.readFileSync(script, 'utf8').match(/[\w.-]+\.pem\b/g) ?? []))];
      expect(named).toEqual(['public_key.pem']);
      for (const name of named) expect(written).toContain(name);
      // And deploy's help says so.
      expect(spawnSync(DEPLOY, ['--help'], { encoding: 'utf8' }).stdout).toMatch(/public_key\.pem made by 'cfsign keygen'/);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  test('both say clearly when the AWS CLI is missing', () => {
    const s = sandbox();
    // PATH with node but without any aws.
    const nodeDir = path.join(s.dir, 'nodeonly');
    fs.mkdirSync(nodeDir);
    fs.symlinkSync(process.execPath, path.join(nodeDir, 'node'));
    // A folder that holds aws (Debian's awscli puts it in /usr/bin, beside bash) is replaced
    // by a mirror of its other commands.
    const withoutAws = (dir, index) => {
      if (!fs.existsSync(path.join(dir, 'aws'))) return dir;
      const mirror = path.join(s.dir, `no-aws-${index}`);
      fs.mkdirSync(mirror);
      for (const name of fs.readdirSync(dir)) {
        if (name !== 'aws') fs.symlinkSync(path.join(dir, name), path.join(mirror, name));
      }
      return mirror;
    };
    const PATH = [nodeDir, ...process.env.PATH.split(path.delimiter).filter(Boolean).map(withoutAws)].join(path.delimiter);
    for (const [script, args] of [[DEPLOY, ['--public-key', s.file('pub.pem', rsaPub)]], [TEARDOWN, ['--yes']]]) {
      const r = spawnSync('bash', [script, ...args], { env: { ...s.env, PATH }, encoding: 'utf8' });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/AWS CLI \('aws'\) is not on PATH/);
    }
  });

  test('deploy passes the PEM intact and writes the config from the stack outputs', () => {
    const before = repoConfigStat();
    const s = sandbox();
    const r = s.run(DEPLOY, ['--public-key', s.file('public.pem', rsaPub), '--region', 'eu-west-1', '--allowed-origin', 'https://app.example.com']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);

    const calls = s.calls();
    const deploy = calls.find((c) => c[0] === 'cloudformation' && c[1] === 'deploy');
    expect(deploy).toBeDefined();
    const at = (flag) => deploy[deploy.indexOf(flag) + 1];
    expect(at('--stack-name')).toBe('cloudfront-signer-uploads');
    expect(at('--region')).toBe('eu-west-1');
    expect(at('--template-file')).toBe(TEMPLATE);
    const overrides = deploy.slice(deploy.indexOf('--parameter-overrides') + 1);
    // One argv element holding every line of the PEM, byte for byte.
    expect(overrides).toEqual([`PublicKey=${rsaPub.trimEnd()}`, 'AllowedOrigin=https://app.example.com']);
    expect(overrides[0].split('\n').length).toBe(rsaPub.trimEnd().split('\n').length);
    expect(overrides[0].split('\n').length).toBeGreaterThan(5);

    // Outputs are read after the deploy, from describe-stacks --query.
    const order = calls.map((c) => `${c[0]} ${c[1]} ${c.includes('--query') ? c[c.indexOf('--query') + 1] : ''}`.trim());
    expect(order.indexOf('cloudformation describe-stacks Stacks[0].Outputs')).toBeGreaterThan(order.indexOf('cloudformation deploy'));

    expect(JSON.parse(fs.readFileSync(s.config, 'utf8'))).toEqual({
      domain: 'd111111abcdef8.cloudfront.net',
      keyPairId: 'K2JCJMDEHXQW5F',
      bucket: 'cloudfront-signer-uploads-uploadbucket-1a2b3c4d5e6f',
      distributionId: 'E1ABCDEFGHIJKL',
      region: 'eu-west-1',
      stackName: 'cloudfront-signer-uploads',
    });
    expect(r.stdout).toMatch(/https:\/\/d111111abcdef8\.cloudfront\.net\//);
    expect(repoConfigStat()).toBe(before);
  });

  test('deploy takes an ECDSA P-256 key saved with CRLF line ends, a stack name and the region from the environment', () => {
    const s = sandbox();
    const r = spawnSync('bash', [DEPLOY, '--public-key', s.file('ec.pem', ecPub.replace(/\n/g, '\r\n')), '--stack-name', 'demo-uploads'], {
      env: { ...s.env, AWS_REGION: 'ap-northeast-1' }, encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const deploy = s.calls().find((c) => c[1] === 'deploy');
    expect(deploy).toContain(`PublicKey=${ecPub.trimEnd()}`);
    expect(deploy).toContain('AllowedOrigin=http://127.0.0.1:8080');
    expect(JSON.parse(fs.readFileSync(s.config, 'utf8'))).toMatchObject({ region: 'ap-northeast-1', stackName: 'demo-uploads' });
  });

  test('deploy refuses a private key without printing it, and calls no AWS API', () => {
    const s = sandbox();
    const priv = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' });
    const r = s.run(DEPLOY, ['--public-key', s.file('private.pem', priv), '--region', 'us-east-1']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/private key/);
    const body = priv.split('\n').filter((l) => l && !l.startsWith('-----'));
    for (const line of body) {
      expect(r.stdout).not.toContain(line);
      expect(r.stderr).not.toContain(line);
    }
    expect(s.calls()).toEqual([]);
    expect(fs.existsSync(s.config)).toBe(false);
  });

  test('deploy refuses keys CloudFront would not take, and bad arguments', () => {
    const s = sandbox();
    const rsa1024 = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' });
    const pkcs1 = rsa.publicKey.export({ type: 'pkcs1', format: 'pem' });
    const cases = [
      [['--public-key', s.file('small.pem', rsa1024), '--region', 'us-east-1'], /RSA-2048 or ECDSA P-256/],
      [['--public-key', s.file('pkcs1.pem', pkcs1), '--region', 'us-east-1'], /RSA PUBLIC KEY/],
      [['--public-key', s.file('junk.pem', 'hello\n'), '--region', 'us-east-1'], /BEGIN PUBLIC KEY/],
      [['--public-key', s.file('noisy.pem', `key for prod\n${rsaPub}`), '--region', 'us-east-1'], /text around the PEM block/],
      [['--region', 'us-east-1'], /--public-key FILE is required/],
      [['--public-key', path.join(s.dir, 'nope.pem'), '--region', 'us-east-1'], /cannot read/],
      [['--public-key', s.file('ok.pem', rsaPub), '--allowed-origin', 'https://x.example/', '--region', 'us-east-1'], /--allowed-origin/],
      [['--public-key', s.file('ok.pem', rsaPub), '--stack-name', 'bad_name', '--region', 'us-east-1'], /--stack-name/],
      [['--public-key', s.file('ok.pem', rsaPub)], /no AWS region/],
      [['--bogus'], /unknown argument/],
    ];
    for (const [args, message] of cases) {
      const r = s.run(DEPLOY, args);
      expect({ args, status: r.status }).toEqual({ args, status: 1 });
      expect(r.stderr).toMatch(message);
    }
    expect(s.calls().filter((c) => c[0] !== 'configure')).toEqual([]);
  });

  test('deploy refuses to swap the key of an existing stack, and redeploys the same key', () => {
    const other = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' });
    const stack = (pem) => ({
      Status: 'CREATE_COMPLETE',
      Parameters: [{ ParameterKey: 'PublicKey', ParameterValue: pem.trimEnd() }, { ParameterKey: 'AllowedOrigin', ParameterValue: 'http://127.0.0.1:8080' }],
    });

    const swap = sandbox({ stack: stack(other) });
    const r1 = swap.run(DEPLOY, ['--public-key', swap.file('pub.pem', rsaPub), '--region', 'us-east-1']);
    expect(r1.status).toBe(1);
    expect(r1.stderr).toMatch(/different public key/);
    expect(swap.calls().some((c) => c[1] === 'deploy')).toBe(false);

    const same = sandbox({ stack: stack(rsaPub) });
    const r2 = same.run(DEPLOY, ['--public-key', same.file('pub.pem', rsaPub), '--region', 'us-east-1']);
    expect(r2.status).toBe(0);
    expect(same.calls().some((c) => c[1] === 'deploy')).toBe(true);

    const failed = sandbox({ stack: { Status: 'ROLLBACK_COMPLETE', Parameters: [] } });
    const r3 = failed.run(DEPLOY, ['--public-key', failed.file('pub.pem', rsaPub), '--region', 'us-east-1']);
    expect(r3.status).toBe(1);
    expect(r3.stderr).toMatch(/infra\/teardown/);
  });

  const deployedConfig = (s) => {
    fs.mkdirSync(path.dirname(s.config), { recursive: true });
    fs.writeFileSync(s.config, JSON.stringify({ domain: 'd111111abcdef8.cloudfront.net', keyPairId: 'K2JCJMDEHXQW5F', bucket: OUTPUTS[2].OutputValue, distributionId: 'E1ABCDEFGHIJKL', region: 'eu-west-1', stackName: 'demo-uploads' }));
  };

  test('teardown empties the bucket, then deletes the stack, waits, and removes the config', () => {
    const s = sandbox({ stack: { Status: 'CREATE_COMPLETE' } });
    deployedConfig(s);
    const r = s.run(TEARDOWN, ['--yes']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const calls = s.calls();
    const idx = (pred) => calls.findIndex(pred);
    const rm = idx((c) => c[0] === 's3' && c[1] === 'rm');
    const del = idx((c) => c[1] === 'delete-stack');
    const wait = idx((c) => c[1] === 'wait' && c[2] === 'stack-delete-complete');
    expect(calls[rm]).toEqual(expect.arrayContaining([`s3://${OUTPUTS[2].OutputValue}`, '--recursive']));
    expect(rm).toBeGreaterThan(-1);
    expect(del).toBeGreaterThan(rm);
    expect(wait).toBeGreaterThan(del);
    // Stack and region come from the config that deploy wrote.
    for (const c of [calls[del], calls[wait]]) {
      expect(c[c.indexOf('--stack-name') + 1]).toBe('demo-uploads');
      expect(c[c.indexOf('--region') + 1]).toBe('eu-west-1');
    }
    expect(fs.existsSync(s.config)).toBe(false);
  });

  test('teardown deletes old versions and delete markers when versioning was turned on', () => {
    const versions = {
      Versions: [{ Key: 'uploads/a.bin', VersionId: 'v1', IsLatest: true }, { Key: 'uploads/a.bin', VersionId: 'v0' }],
      DeleteMarkers: [{ Key: 'uploads/b.bin', VersionId: 'm1' }],
    };
    const s = sandbox({ stack: { Status: 'CREATE_COMPLETE' }, versioning: 'Enabled', versions });
    const r = s.run(TEARDOWN, ['--stack-name', 'demo-uploads', '--region', 'eu-west-1', '--yes']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(s.dir, 'deleted.json'), 'utf8'))).toEqual({
      Objects: [{ Key: 'uploads/a.bin', VersionId: 'v1' }, { Key: 'uploads/a.bin', VersionId: 'v0' }, { Key: 'uploads/b.bin', VersionId: 'm1' }],
      Quiet: true,
    });
    const names = s.calls().map((c) => `${c[0]} ${c[1]}`);
    expect(names.indexOf('s3api delete-objects')).toBeGreaterThan(names.indexOf('s3 rm'));
    expect(names.indexOf('cloudformation delete-stack')).toBeGreaterThan(names.lastIndexOf('s3api list-object-versions'));
  });

  test('teardown without --yes off a terminal deletes nothing; a missing stack is not an error', () => {
    const s = sandbox({ stack: { Status: 'CREATE_COMPLETE' } });
    deployedConfig(s);
    const r = s.run(TEARDOWN, []);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--yes/);
    expect(s.calls().some((c) => c[1] === 'rm' || c[1] === 'delete-stack')).toBe(false);
    expect(fs.existsSync(s.config)).toBe(true);

    const gone = sandbox();
    deployedConfig(gone);
    const r2 = gone.run(TEARDOWN, ['--yes']);
    expect(r2.status).toBe(0);
    expect(r2.stdout).toMatch(/does not exist/);
    expect(gone.calls().some((c) => c[1] === 'rm' || c[1] === 'delete-stack')).toBe(false);
    expect(fs.existsSync(gone.config)).toBe(false);
  });
});
