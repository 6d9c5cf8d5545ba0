// What every runtime is asked to do with the package, the same way everywhere:
// sign (RSA: deterministic, so byte-comparable; ECDSA: verifiable), verify URLs
// that other runtimes signed, read a signed URL without a key, and report an error's shape.
export function runProbe(lib, input) {
  const { url, cookieUrl, dateLessThan, keys, verifyUrls = [], now } = input;
  const rsaUrl = lib.getSignedUrl({ url, keyPairId: 'KRSA', privateKey: keys.rsaPrivate, dateLessThan, algorithm: 'SHA256' });
  const rsaCookies = lib.getSignedCookies({ url: cookieUrl, keyPairId: 'KRSA', privateKey: keys.rsaPrivate, dateLessThan, ipAddress: '192.0.2.0/24' });
  const signer = new lib.CloudFrontSigner({ keyPairId: 'KEC', privateKey: keys.ecPrivate });
  const ecUrl = signer.getSignedUrl({ url, dateLessThan });
  signer.dispose();
  const publicKeys = { KRSA: keys.rsaPublic, KEC: keys.ecPublic };
  const verified = verifyUrls.map((signed) => {
    try {
      return { ok: true, keyPairId: lib.verifySignedUrl(signed, { publicKeys, now }).keyPairId };
    } catch (error) {
      return { ok: false, code: error.code };
    }
  });
  let refusal = null;
  try {
    lib.getSignedUrl({ url: 'ftp://example.com/x', keyPairId: 'K', privateKey: keys.rsaPrivate, dateLessThan });
  } catch (error) {
    refusal = { name: error.name, code: error.code, isTyped: error instanceof lib.CloudFrontSignerError };
  }
  // Reading without a key, as the entry exports it.
  const { keyPairId, algorithm, customPolicy, resourceMatchesUrl } = lib.decodeSignedUrl(rsaUrl);
  const decoded = { keyPairId, algorithm, customPolicy, resourceMatchesUrl, cookieKeyPairId: lib.decodeSignedCookies(cookieUrl, rsaCookies).keyPairId };
  return { rsaUrl, rsaCookies, ecUrl, verified, refusal, decoded };
}
