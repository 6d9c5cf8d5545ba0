// Types for cloudfront-signer-wasm. Every function is synchronous once the
// module is imported.

/** A date as aws-sdk takes it: a Date, a date string, or milliseconds since the epoch. */
export type DateInput = Date | string | number;

export type HashAlgorithm = 'SHA1' | 'SHA256';

export type ErrorCode =
  | 'INVALID_ARGUMENT' | 'INVALID_URL' | 'INVALID_DATE' | 'INVALID_IP' | 'INVALID_POLICY'
  | 'TOO_LARGE' | 'INVALID_KEY' | 'WRONG_PASSPHRASE' | 'UNSUPPORTED_KEY'
  | 'MISSING_KEY_PAIR_ID' | 'UNKNOWN_KEY' | 'MALFORMED' | 'BAD_SIGNATURE' | 'EXPIRED'
  | 'NOT_YET_VALID' | 'RESOURCE_MISMATCH' | 'IP_MISMATCH' | 'INTERNAL'
  /** Thrown by the import (or init) when the engine lacks WebAssembly SIMD. */
  | 'UNSUPPORTED_RUNTIME';

/** PEM text, or PEM/DER bytes. */
export type KeyInput = string | Uint8Array | ArrayBuffer | ArrayBufferView;

export interface PolicyConditions {
  /** When the signature stops working. Required unless `policy` is given. */
  dateLessThan?: DateInput;
  /** When the signature starts working; makes the policy custom. */
  dateGreaterThan?: DateInput;
  /** IPv4 address or CIDR (`/32` is added when no mask is given); makes the policy custom. */
  ipAddress?: string;
}

export interface SignOptions extends PolicyConditions {
  /** The http(s) URL to sign. It is URL-encoded the way CloudFront expects before signing. */
  url?: string;
  /** Your own policy JSON, signed byte for byte. Replaces the three conditions. */
  policy?: string;
  algorithm?: HashAlgorithm;
}

export interface KeyOptions {
  /** The ID of the public key in the distribution's trusted key group. */
  keyPairId: string;
  /** RSA-2048 (PKCS#1 or PKCS#8) or ECDSA P-256 (SEC1 or PKCS#8), PEM or DER, optionally encrypted. */
  privateKey: KeyInput;
  passphrase?: string | Uint8Array;
  /** 'SHA1' (default) or 'SHA256'. */
  algorithm?: HashAlgorithm;
}

/** The options of @aws-sdk/cloudfront-signer's getSignedUrl and getSignedCookies. */
export type CloudFrontSignOptions = KeyOptions & SignOptions;

export interface CloudFrontCookies {
  'CloudFront-Key-Pair-Id': string;
  'CloudFront-Signature': string;
  /** Canned policies: the expiry in epoch seconds. */
  'CloudFront-Expires'?: number;
  /** Custom policies: the policy in CloudFront base64. */
  'CloudFront-Policy'?: string;
  'CloudFront-Hash-Algorithm'?: 'SHA256';
}

/**
 * Signs one URL, like `@aws-sdk/cloudfront-signer`. The parsed key is kept for the next
 * call with the same key and passphrase (up to 8 keys; see `clearKeyCache`).
 */
export declare function getSignedUrl(options: CloudFrontSignOptions): string;
/** Signs one set of cookies; shares `getSignedUrl`'s key cache. */
export declare function getSignedCookies(options: CloudFrontSignOptions): CloudFrontCookies;
/**
 * Frees and zeroizes the keys that `getSignedUrl` and `getSignedCookies` kept. The
 * cache holds at most 8 keys, least recently used out first, and is also wiped when a
 * Node, Deno or Bun process exits. `CloudFrontSigner` keys are not affected.
 */
export declare function clearKeyCache(): void;

/** Parses the key once and signs many URLs with it. Dispose it to free and zeroize the key. */
export declare class CloudFrontSigner implements Disposable {
  constructor(options: KeyOptions);
  readonly keyType: 'rsa' | 'ec';
  readonly keyPairId: string;
  getSignedUrl(options: SignOptions): string;
  getSignedCookies(options: SignOptions): CloudFrontCookies;
  /** Frees and zeroizes the key. Later calls throw. Calling it twice is harmless. */
  dispose(): void;
  [Symbol.dispose](): void;
}

export interface PolicyOptions extends PolicyConditions {
  /** The URL the policy covers; `*` and `?` are wildcards. */
  resource: string;
  dateLessThan: DateInput;
}

/** The exact policy JSON CloudFront expects. */
export declare function buildPolicy(options: PolicyOptions): string;

export interface VerifyOptions {
  /** The trusted key group: key pair ID -> public key (PEM text or DER bytes). */
  publicKeys: Record<string, string | Uint8Array | ArrayBuffer> | Map<string, string | Uint8Array | ArrayBuffer>;
  /** The time to check against; defaults to now. */
  now?: Date | number;
  /** The viewer's IPv4 address, checked when the policy has an IpAddress condition. */
  sourceIp?: string;
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
  resource?: string;
  dateLessThan: Date;
  dateGreaterThan?: Date;
  ipAddress?: string;
}

export declare function verifySignedUrl(url: string, options: VerifyOptions): VerifiedSignature;
/** `cookies` is an object of cookie values or a Cookie request header. */
export declare function verifySignedCookies(
  url: string, cookies: Partial<Record<string, string | number>> | string, options: VerifyOptions): VerifiedSignature;

export interface KeyPair {
  /** PKCS#8 PEM ("PRIVATE KEY"). Keep it on a server. */
  privateKey: string;
  /** SubjectPublicKeyInfo PEM ("PUBLIC KEY"), the form CloudFront's key groups take. */
  publicKey: string;
}

export declare function generateKeyPair(options?: { type?: 'rsa' | 'ec' }): KeyPair;

export declare class CloudFrontSignerError extends Error {
  readonly name: 'CloudFrontSignerError';
  readonly code: ErrorCode;
}
