// Types for cloudfront-signer-wasm. Every function is synchronous once the
// module is imported.

/**
 * A date: a valid Date, a finite number of milliseconds since the epoch, or a date string
 * (ISO 8601 `2026-12-31`, `2026-12-31T18:00:00[.sss]` with optional `Z`/`±hh:mm`, UTC without
 * one; or RFC 2822 `Thu, 31 Dec 2026 18:00:00 GMT`). Anything else, `null` and `''` included,
 * is `INVALID_DATE`. Signing dates are rounded to the nearest second.
 */
export type DateInput = Date | string | number;

export type HashAlgorithm = 'SHA1' | 'SHA256';

/**
 * Whose byte order to write: `'aws-sdk'` (the default) puts a custom policy's
 * DateGreaterThan before IpAddress and a URL's Key-Pair-Id before Signature;
 * `'aws-cli'` writes both the way `aws cloudfront sign` (botocore) does. CloudFront accepts both.
 */
export type OutputOrder = 'aws-sdk' | 'aws-cli';

export type ErrorCode =
  | 'INVALID_ARGUMENT' | 'INVALID_URL' | 'INVALID_DATE' | 'INVALID_IP' | 'INVALID_POLICY'
  | 'TOO_LARGE' | 'INVALID_KEY' | 'WRONG_PASSPHRASE' | 'UNSUPPORTED_KEY' | 'UNSUPPORTED_RUNTIME'
  | 'MISSING_KEY_PAIR_ID' | 'UNKNOWN_KEY' | 'MALFORMED' | 'BAD_SIGNATURE' | 'EXPIRED'
  | 'NOT_YET_VALID' | 'RESOURCE_MISMATCH' | 'IP_MISMATCH' | 'INTERNAL';

/** PEM text, or PEM/DER bytes. */
export type KeyInput = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/** What both ways of signing share: the hash algorithm. */
interface SignAlgorithm {
  /** 'SHA1' (default) or 'SHA256'. */
  algorithm?: HashAlgorithm | undefined;
  /** The order of the policy's conditions and of the URL's signing parameters. */
  order?: OutputOrder | undefined;
}

/** Signing with conditions: the package builds a canned or custom policy for `url`. */
export interface SignWithConditions extends SignAlgorithm {
  /** The http(s) URL to sign. It is URL-encoded the way CloudFront expects before signing. */
  url: string;
  /** When the signature stops working. */
  dateLessThan: DateInput;
  /** When the signature starts working; makes the policy custom. */
  dateGreaterThan?: DateInput | undefined;
  /** IPv4 address or CIDR (`/32` is added when no mask is given); makes the policy custom. */
  ipAddress?: string | undefined;
  /** Not with the conditions above: a policy of your own replaces them. */
  policy?: undefined;
}

/** Signing your own policy JSON, byte for byte; it carries the conditions itself. */
export interface SignWithPolicy extends SignAlgorithm {
  /** The URL to sign; for a signed URL it defaults to the policy's Resource. Cookies ignore it. */
  url?: string | undefined;
  /** Your own policy JSON, signed byte for byte. */
  policy: string;
  dateLessThan?: undefined;
  dateGreaterThan?: undefined;
  ipAddress?: undefined;
}

/** The signing options of `CloudFrontSigner`'s methods: conditions, or a policy of your own. */
export type SignOptions = SignWithConditions | SignWithPolicy;

export interface KeyOptions {
  /**
   * The ID of the public key in the distribution's trusted key group, such as `K2JCJMDEHXQW5F`:
   * letters, digits, `_` and `-`, at most 128 characters; anything else is `INVALID_ARGUMENT`.
   */
  keyPairId: string;
  /** RSA-2048 (PKCS#1 or PKCS#8) or ECDSA P-256 (SEC1 or PKCS#8), PEM or DER, optionally encrypted. */
  privateKey: KeyInput;
  passphrase?: string | Uint8Array | undefined;
  /** 'SHA1' (default) or 'SHA256'. */
  algorithm?: HashAlgorithm | undefined;
}

/** The options of @aws-sdk/cloudfront-signer's getSignedUrl and getSignedCookies. */
export type CloudFrontSignOptions = KeyOptions & SignOptions;

export interface CloudFrontCookies {
  'CloudFront-Key-Pair-Id': string;
  'CloudFront-Signature': string;
  /** Canned policies: the expiry in epoch seconds. */
  'CloudFront-Expires'?: number | undefined;
  /** Custom policies: the policy in CloudFront base64. */
  'CloudFront-Policy'?: string | undefined;
  'CloudFront-Hash-Algorithm'?: 'SHA256' | undefined;
}

/**
 * The names each signing value travels under, from the core's one list: its query
 * parameter in a signed URL and its cookie. In the order CloudFront's documentation lists
 * them (a request carries Expires or Policy, never both); frozen.
 */
export declare const SIGNING_PARAMETERS: {
  readonly expires: { readonly query: 'Expires'; readonly cookie: 'CloudFront-Expires' };
  readonly policy: { readonly query: 'Policy'; readonly cookie: 'CloudFront-Policy' };
  readonly signature: { readonly query: 'Signature'; readonly cookie: 'CloudFront-Signature' };
  readonly keyPairId: { readonly query: 'Key-Pair-Id'; readonly cookie: 'CloudFront-Key-Pair-Id' };
  readonly hashAlgorithm: { readonly query: 'Hash-Algorithm'; readonly cookie: 'CloudFront-Hash-Algorithm' };
};

/**
 * Signs one URL, like `@aws-sdk/cloudfront-signer`. The parsed key is kept for the next
 * call with the same key and passphrase (up to 8 keys; see `clearKeyCache`).
 */
export declare function getSignedUrl(options: CloudFrontSignOptions): string;
/** Signs one set of cookies; shares `getSignedUrl`'s key cache. */
export declare function getSignedCookies(options: CloudFrontSignOptions): CloudFrontCookies;
/**
 * Frees and zeroizes the keys that `getSignedUrl` and `getSignedCookies` kept, and lets
 * go of the key strings it found them by. The cache holds at most 8 keys, least recently
 * used out first, and is also wiped when a Node, Deno or Bun process exits.
 * `CloudFrontSigner` keys are not affected.
 */
export declare function clearKeyCache(): void;

/**
 * Parses the key once and signs many URLs with it. Dispose it to free and zeroize the key
 * (`using signer = new CloudFrontSigner(…)` does, where the language has `using`).
 */
export declare class CloudFrontSigner {
  constructor(options: KeyOptions);
  readonly keyType: 'rsa' | 'ec';
  readonly keyPairId: string;
  getSignedUrl(options: SignOptions): string;
  getSignedCookies(options: SignOptions): CloudFrontCookies;
  /** Frees and zeroizes the key. Later calls throw. Calling it twice is harmless. */
  dispose(): void;
  [Symbol.dispose](): void;
}

export interface PolicyOptionsBase {
  /** When the signature stops working. */
  dateLessThan: DateInput;
  /** When the signature starts working. */
  dateGreaterThan?: DateInput | undefined;
  /** IPv4 address or CIDR (`/32` is added when no mask is given). */
  ipAddress?: string | undefined;
  /** The order of the conditions. */
  order?: OutputOrder | undefined;
}

export type PolicyOptions = PolicyOptionsBase & (
  /** The URL the policy covers, used as given; `*` and `?` are wildcards. */
  | { resource: string; url?: undefined }
  /** A URL to sign, encoded as `getSignedUrl` encodes it: the policy `getSignedUrl` would sign. */
  | { url: string; resource?: undefined });

/** The exact policy JSON CloudFront expects. */
export declare function buildPolicy(options: PolicyOptions): string;

export interface VerifyOptions {
  /** The trusted key group: key pair ID (the `keyPairId` rule) -> public key (PEM text or DER bytes, at most 64 KiB). */
  publicKeys: Record<string, string | Uint8Array | ArrayBuffer> | Map<string, string | Uint8Array | ArrayBuffer>;
  /** The time to check against, a `DateInput`; defaults to now. */
  now?: DateInput | undefined;
  /** The viewer's IPv4 address, checked when the policy has an IpAddress condition. */
  sourceIp?: string | undefined;
}

export interface VerifiedSignature {
  keyPairId: string;
  /** The signed policy JSON (rebuilt from the URL for a canned policy). */
  policy: string;
  customPolicy: boolean;
  algorithm: HashAlgorithm;
  /** The request URL without its signing parameters. */
  url: string;
  /** The policy's Resource; absent when a custom policy leaves it out. */
  resource?: string | undefined;
  dateLessThan: Date;
  dateGreaterThan?: Date | undefined;
  ipAddress?: string | undefined;
}

export declare function verifySignedUrl(url: string, options: VerifyOptions): VerifiedSignature;
/** `cookies` is an object of cookie values or a Cookie request header. */
export declare function verifySignedCookies(
  url: string, cookies: Partial<Record<string, string | number>> | string, options: VerifyOptions): VerifiedSignature;

export interface DecodedSignature extends VerifiedSignature {
  /**
   * The signing values as they arrived, percent-decoded: for a URL keyed by their
   * query names (`Expires` or `Policy`, `Signature`, `Key-Pair-Id`, `Hash-Algorithm`),
   * for cookies by their cookie names (`CloudFront-Expires`, ...).
   */
  parameters: Partial<Record<string, string>>;
  /** The Signature's bytes (256 for RSA-2048; an ECDSA DER signature is 70 to 72). */
  signature: Uint8Array;
  /** Whether the policy's Resource covers `url` by CloudFront's wildcard rules (always true for a canned policy). */
  resourceMatchesUrl: boolean;
}

/**
 * Reads a signed URL without a key, the way the verifier does, for debugging a 403:
 * which key and hash it names, its policy and conditions, and the URL without its
 * signing parameters. Nothing is checked against a key, a clock or an IP address;
 * a URL the verifier cannot read throws the same error here.
 */
export declare function decodeSignedUrl(url: string): DecodedSignature;
/** The same for signed cookies; `cookies` is an object of cookie values or a Cookie request header. */
export declare function decodeSignedCookies(
  url: string, cookies: Partial<Record<string, string | number>> | string): DecodedSignature;

export interface KeyPair {
  /** PKCS#8 PEM ("PRIVATE KEY"), or PKCS#1 ("RSA PRIVATE KEY") when asked for. Keep it on a server. */
  privateKey: string;
  /** SubjectPublicKeyInfo PEM ("PUBLIC KEY"), the form CloudFront's key groups take. */
  publicKey: string;
}

/**
 * `type`: RSA-2048 (the default) or ECDSA P-256. `format`: how `privateKey` is written,
 * `'pkcs8'` ("PRIVATE KEY", the default) or, for RSA only, `'pkcs1'` ("RSA PRIVATE KEY"),
 * the form AWS CLI v1 reads.
 */
export type KeyPairOptions =
  | { type?: 'rsa' | undefined; format?: 'pkcs8' | 'pkcs1' | undefined }
  | { type: 'ec'; format?: 'pkcs8' | undefined };

export declare function generateKeyPair(options?: KeyPairOptions): KeyPair;

export declare class CloudFrontSignerError extends Error {
  readonly name: 'CloudFrontSignerError';
  readonly code: ErrorCode;
}

// `Symbol.dispose` without requiring `lib: esnext.disposable`, so a browser project on the
// default ES2022 + DOM libraries type-checks too. The declaration merges with the library's
// own where a project has it.
declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}
