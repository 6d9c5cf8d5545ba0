// The one error type the package throws. `code` is stable; messages may improve.
export class CloudFrontSignerError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'CloudFrontSignerError';
    this.code = code;
  }
}

export function fail(code, message) {
  throw new CloudFrontSignerError(code, message);
}
