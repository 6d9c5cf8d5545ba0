// Small helpers the Jest suites share.

// CloudFront's URL-safe base64 (- _ ~) back to bytes.
function fromCloudFrontBase64(text) {
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');
}

// The error a call throws, so a test can look at all of it; fails if nothing is thrown.
function thrownBy(thunk) {
  try {
    thunk();
  } catch (error) {
    return error;
  }
  throw new Error('expected a CloudFrontSignerError, but nothing was thrown');
}

module.exports = { fromCloudFrontBase64, thrownBy };
