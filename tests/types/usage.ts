// What a correct program may write: every call of the public API, with its result
// types pinned. Compiled as ESM (.mts) and as CommonJS (.cts) in every configuration.
import {
  CloudFrontSigner, CloudFrontSignerError, SIGNING_PARAMETERS, buildPolicy, clearKeyCache, generateKeyPair,
  getSignedCookies, getSignedUrl, verifySignedCookies, verifySignedUrl,
} from 'cloudfront-signer-wasm';
import type {
  CloudFrontCookies, CloudFrontSignOptions, ErrorCode, KeyPair, SignOptions, VerifiedSignature,
} from 'cloudfront-signer-wasm';
import { init, initSync } from 'cloudfront-signer-wasm/init';
import type { CloudFrontSignerApi, WasmSource } from 'cloudfront-signer-wasm/init';

declare const pem: string;
declare const der: Uint8Array;
declare const maybeIp: string | undefined;

const keyPair: KeyPair = generateKeyPair({ type: 'ec' });
const rsaKeyPair: KeyPair = generateKeyPair();

const canned: string = getSignedUrl({ url: 'https://d.example/a', keyPairId: 'K', privateKey: pem, dateLessThan: new Date() });
const custom: string = getSignedUrl({
  url: 'https://d.example/a', keyPairId: 'K', privateKey: der, passphrase: 'secret', algorithm: 'SHA256',
  dateLessThan: '2030-01-01', dateGreaterThan: 1_700_000_000_000, ipAddress: '192.0.2.0/24',
});
// exactOptionalPropertyTypes: an optional option may be passed as undefined.
const withUndefined: string = getSignedUrl({
  url: 'https://d.example/a', keyPairId: 'K', privateKey: pem, dateLessThan: 0, ipAddress: maybeIp, passphrase: undefined,
});
const policy: string = buildPolicy({ resource: 'https://d.example/*', dateLessThan: Date.now(), ipAddress: undefined });
const fromPolicy: string = getSignedUrl({ policy, keyPairId: 'K', privateKey: pem });
const cookies: CloudFrontCookies = getSignedCookies({ policy, keyPairId: 'K', privateKey: new ArrayBuffer(8), url: undefined });
const expires: number | undefined = cookies['CloudFront-Expires'];

// The cookies getSignedCookies returns are exactly those SIGNING_PARAMETERS names.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SigningCookie = (typeof SIGNING_PARAMETERS)[keyof typeof SIGNING_PARAMETERS]['cookie'];
const cookieNamesMatch: Same<SigningCookie, keyof CloudFrontCookies> = true;
const keyPairIdCookie: 'CloudFront-Key-Pair-Id' = SIGNING_PARAMETERS.keyPairId.cookie;
const signatureQuery: 'Signature' = SIGNING_PARAMETERS.signature.query;
const queryNames: string[] = Object.values(SIGNING_PARAMETERS).map(({ query }) => query);

const options: CloudFrontSignOptions = { url: 'https://d.example/a', keyPairId: 'K', privateKey: pem, dateLessThan: 1 };
const signer = new CloudFrontSigner({ keyPairId: 'K', privateKey: keyPair.privateKey, algorithm: 'SHA256' });
const signOptions: SignOptions = { url: 'https://d.example/b', dateLessThan: new Date() };
const signed: string = signer.getSignedUrl(signOptions);
const signerCookies: CloudFrontCookies = signer.getSignedCookies({ policy });
const keyType: 'rsa' | 'ec' = signer.keyType;
const keyPairId: string = signer.keyPairId;
signer.dispose();
signer[Symbol.dispose]();
clearKeyCache();

const verified: VerifiedSignature = verifySignedUrl(signed, { publicKeys: { K: keyPair.publicKey }, now: Date.now(), sourceIp: undefined });
const expiry: Date = verified.dateLessThan;
const resource: string | undefined = verified.resource;
const fromCookies: VerifiedSignature = verifySignedCookies('https://d.example/b', 'CloudFront-Key-Pair-Id=K', {
  publicKeys: new Map([['K', der]]),
});

try {
  getSignedUrl(options);
} catch (error) {
  if (error instanceof CloudFrontSignerError) {
    const code: ErrorCode = error.code;
    const name: 'CloudFrontSignerError' = error.name;
    const message: string = error.message;
    void [code, name, message];
  }
}

declare const source: WasmSource;
declare const bytes: Uint8Array;
const started: Promise<CloudFrontSignerApi> = init({ wasm: source });
const startedSync: CloudFrontSignerApi = initSync({ wasm: bytes });
const viaInit: string = startedSync.getSignedUrl(options);

void [rsaKeyPair, canned, custom, withUndefined, fromPolicy, expires, signerCookies, keyType, keyPairId, expiry, resource,
  fromCookies, started, viaInit, cookieNamesMatch, keyPairIdCookie, signatureQuery, queryNames];
