// The error responses the edge sends. Refusals of signed URLs and cookies copy
// CloudFront's own (status, XML shape, Content-Type and wording), so a client
// written against this edge reads real CloudFront's refusals the same way.
const ACCESS_DENIED = { status: 403, code: 'AccessDenied', message: 'Access denied' };
const MALFORMED_POLICY = { status: 403, code: 'MalformedPolicy', message: 'Malformed Policy' };

const RESPONSE_BY_SIGNER_CODE = {
  MISSING_KEY_PAIR_ID: { status: 403, code: 'MissingKey', message: 'Missing Key-Pair-Id query parameter or cookie value' },
  UNKNOWN_KEY: { status: 403, code: 'InvalidKey', message: 'Unknown Key' },
  MALFORMED: MALFORMED_POLICY,
  INVALID_POLICY: MALFORMED_POLICY,
  // BAD_SIGNATURE, EXPIRED, NOT_YET_VALID, IP_MISMATCH, RESOURCE_MISMATCH: CloudFront
  // does not say which check failed, and any other code fails closed the same way.
};

/** The CloudFront response for a `CloudFrontSignerError.code`: `{ status, code, message }`. */
export function cloudFrontErrorFor(signerErrorCode) {
  return RESPONSE_BY_SIGNER_CODE[signerErrorCode] ?? ACCESS_DENIED;
}

function escapeXml(text) {
  return String(text).replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function errorXml({ code, message }) {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>`;
}

/** Writes `{ status, code, message }` as CloudFront does; headers already set on `res` (CORS) are kept. */
export function sendErrorResponse(res, { status, code, message }, extraHeaders = {}) {
  const body = errorXml({ code, message });
  res.writeHead(status, {
    ...extraHeaders,
    'Content-Type': 'text/xml',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Writes CloudFront's refusal for a `CloudFrontSignerError`. */
export function sendCloudFrontError(res, signerError) {
  sendErrorResponse(res, cloudFrontErrorFor(signerError.code));
}
