// Calls that throw at run time must not type-check. Each `@ts-expect-error` fails the
// compilation when its next line type-checks. Compiled as ESM (.mts) and CommonJS (.cts).
import {
  CloudFrontSigner, SIGNING_PARAMETERS, buildPolicy, generateKeyPair, getSignedCookies, getSignedUrl, verifySignedCookies,
  verifySignedUrl,
} from 'cloudfront-signer-wasm';
import type { CloudFrontCookies, ErrorCode, VerifiedSignature } from 'cloudfront-signer-wasm';
import { init, initSync } from 'cloudfront-signer-wasm/init';

declare const pem: string;
declare const policy: string;
const url = 'https://d.example/a';
const key = { keyPairId: 'K', privateKey: pem };

// @ts-expect-error dateLessThan is missing
getSignedUrl({ url, ...key });
// @ts-expect-error dateLessThan is missing (cookies)
getSignedCookies({ url, ...key });
// @ts-expect-error url is missing
getSignedUrl({ ...key, dateLessThan: new Date() });
// @ts-expect-error url is missing (cookies)
getSignedCookies({ ...key, dateLessThan: new Date() });
// @ts-expect-error policy together with dateLessThan
getSignedUrl({ url, ...key, policy, dateLessThan: new Date() });
// @ts-expect-error policy together with dateGreaterThan
getSignedUrl({ url, ...key, policy, dateGreaterThan: new Date() });
// @ts-expect-error policy together with ipAddress
getSignedCookies({ url, ...key, policy, ipAddress: '192.0.2.1' });
// @ts-expect-error keyPairId is missing
getSignedUrl({ url, privateKey: pem, dateLessThan: 0 });
// @ts-expect-error privateKey is missing
getSignedUrl({ url, keyPairId: 'K', dateLessThan: 0 });
// @ts-expect-error an unknown option (a typo of dateLessThan)
getSignedUrl({ url, ...key, dateLessThan: 0, dateLessThen: 0 });
// @ts-expect-error an unknown algorithm
getSignedUrl({ url, ...key, dateLessThan: 0, algorithm: 'SHA512' });
// @ts-expect-error a date that is neither a Date, a string nor a number
getSignedUrl({ url, ...key, dateLessThan: true });
// @ts-expect-error a URL object instead of a string
getSignedUrl({ url: new URL(url), ...key, dateLessThan: 0 });
// @ts-expect-error a privateKey that is neither text nor bytes
getSignedUrl({ url, keyPairId: 'K', privateKey: { pem }, dateLessThan: 0 });
// @ts-expect-error null is not undefined: exactOptionalPropertyTypes still refuses it
getSignedUrl({ url, ...key, dateLessThan: 0, ipAddress: null });
// @ts-expect-error a signed URL is a string, not cookies
const notCookies: CloudFrontCookies = getSignedUrl({ url, ...key, dateLessThan: 0 });
// @ts-expect-error cookies are an object, not a string
const notUrl: string = getSignedCookies({ url, ...key, dateLessThan: 0 });
// @ts-expect-error the Expires cookie may be absent (custom policies)
const expires: number = getSignedCookies({ url, ...key, dateLessThan: 0 })['CloudFront-Expires'];

// @ts-expect-error the signer's constructor takes no url
new CloudFrontSigner({ ...key, url });
// @ts-expect-error the signer's constructor needs the key
new CloudFrontSigner({ keyPairId: 'K' });
const signer = new CloudFrontSigner(key);
// @ts-expect-error the methods take no key
signer.getSignedUrl({ url, dateLessThan: 0, privateKey: pem });
// @ts-expect-error dateLessThan is missing (signer)
signer.getSignedUrl({ url });
// @ts-expect-error url is missing (signer)
signer.getSignedCookies({ dateLessThan: 0 });
// @ts-expect-error policy together with dateLessThan (signer)
signer.getSignedUrl({ policy, dateLessThan: 0 });
// @ts-expect-error keyType is read-only
signer.keyType = 'rsa';
// @ts-expect-error keyType is 'rsa' or 'ec'
const keyType: 'ed25519' = signer.keyType;

// @ts-expect-error buildPolicy needs dateLessThan
buildPolicy({ resource: url });
// @ts-expect-error buildPolicy needs resource
buildPolicy({ dateLessThan: 0 });
// @ts-expect-error buildPolicy takes a resource or a url, not both
buildPolicy({ resource: url, url, dateLessThan: 0 });

// @ts-expect-error verify needs publicKeys
verifySignedUrl(url, {});
// @ts-expect-error verify needs its options
verifySignedUrl(url);
// @ts-expect-error a public key is text or bytes
verifySignedUrl(url, { publicKeys: { K: 42 } });
// @ts-expect-error cookies are an object or a Cookie header
verifySignedCookies(url, 42, { publicKeys: {} });
// @ts-expect-error a verified URL's resource may be absent
const resource: string = verifySignedUrl(url, { publicKeys: {} }).resource;
// @ts-expect-error dateLessThan comes back as a Date
const expiry: number = verifySignedUrl(url, { publicKeys: {} }).dateLessThan;
// @ts-expect-error the result is typed, not any
const anything: VerifiedSignature = 42;

// @ts-expect-error only RSA and EC keys
generateKeyPair({ type: 'ed25519' });
// @ts-expect-error an unknown error code
const code: ErrorCode = 'NOT_A_CODE';

// @ts-expect-error the signing parameters' names are read-only
SIGNING_PARAMETERS.keyPairId.cookie = 'session';
// @ts-expect-error there is no such signing parameter
const ipParameter = SIGNING_PARAMETERS.ipAddress;

// @ts-expect-error init needs { wasm }
init();
// @ts-expect-error initSync takes no URL (fetching is asynchronous)
initSync({ wasm: new URL(url) });
// @ts-expect-error init resolves to the API; it is not the API itself
init({ wasm: new Uint8Array() }).getSignedUrl;

void [notCookies, notUrl, expires, keyType, resource, expiry, anything, code, ipParameter];
