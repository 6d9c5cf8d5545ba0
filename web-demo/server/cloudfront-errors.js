// The refusals CloudFront sends for a behavior that trusts a key group: status 403
// and a small XML body. Every CloudFrontSignerError code maps to one of them.
const ACCESS_DENIED = { status: 403, code: 'AccessDenied', message: 'Access denied' };

const BY_SIGNER_CODE = {
  MISSING_KEY_PAIR_ID: { status: 403, code: 'MissingKey', message: 'Missing Key-Pair-Id query parameter or cookie value' },
  UNKNOWN_KEY: { status: 403, code: 'InvalidKey', message: 'Unknown Key' },
  MALFORMED: { status: 403, code: 'MalformedPolicy', message: 'Malformed Policy' },
};

export function refusalFor(signerCode) {
  return BY_SIGNER_CODE[signerCode] ?? ACCESS_DENIED;
}

export function xmlError(code, message) {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

export function sendError(res, { status, code, message }, extraHeaders = {}) {
  const body = xmlError(code, message);
  res.writeHead(status, { ...extraHeaders, 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
