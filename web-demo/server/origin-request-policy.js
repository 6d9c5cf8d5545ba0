// What of a viewer request reaches the origin, as a CloudFront origin request policy
// says it: allow-lists of query parameters and headers, nothing else. The same lists
// are in infra/template.yaml's UploadOriginRequestPolicy.
import { escape as escapeQueryComponent, parse as parseQuery } from 'node:querystring';

// Multipart uploads: CreateMultipartUpload (POST ?uploads), UploadPart (PUT
// ?partNumber&uploadId), CompleteMultipartUpload (POST ?uploadId), AbortMultipartUpload
// (DELETE ?uploadId). Any other parameter (acl, tagging, versionId, response-*, x-amz-*,
// ...) would change what the request does, so none is forwarded.
export const FORWARDED_QUERY_PARAMETERS = ['uploads', 'uploadId', 'partNumber'];
// The headers an upload needs to store what the viewer sent, and a download needs for
// ranges and conditional requests. No x-amz-* header: x-amz-copy-source would turn a PUT
// into a copy of another object, x-amz-website-redirect-location into a redirect, and so on.
export const FORWARDED_HEADERS = [
  'cache-control', 'content-encoding', 'content-language', 'content-length', 'content-md5', 'content-type', 'expires',
  'if-match', 'if-modified-since', 'if-none-match', 'if-unmodified-since', 'range',
];

// s3rver makes upload IDs of 16 random bytes in hex; S3's are longer and URL-safe.
const UPLOAD_ID_PATTERN = /^[A-Za-z0-9._-]{1,1024}$/;
const PART_NUMBER_PATTERN = /^[1-9]\d{0,4}$/;
const MAX_PART_NUMBER = 10000;
// The operations the forwarded parameters may name, by method.
const OPERATIONS = {
  'POST uploads': 'CreateMultipartUpload',
  'PUT uploadId partNumber': 'UploadPart',
  'POST uploadId': 'CompleteMultipartUpload',
  'DELETE uploadId': 'AbortMultipartUpload',
};

export class OriginRequestError extends Error {}

/**
 * The query to send to the origin for a viewer's raw query (without '?'), or an
 * OriginRequestError. Names and values are decoded exactly as the origin decodes them
 * (node:querystring, as s3rver's Koa does), checked, and written out again canonically,
 * so the origin reads what was checked and nothing more.
 */
export function originQueryFor(method, rawQuery) {
  const query = parseQuery(rawQuery, '&', '=', { maxKeys: 0 });
  const forwarded = FORWARDED_QUERY_PARAMETERS.filter((name) => Object.hasOwn(query, name));
  if (forwarded.length === 0) return '';
  for (const name of forwarded) {
    if (Array.isArray(query[name])) throw new OriginRequestError(`The ${name} parameter appears more than once.`);
  }
  if (!OPERATIONS[[method, ...forwarded].join(' ')]) {
    throw new OriginRequestError(`The parameters ${forwarded.join(', ')} do not name an upload operation for ${method}.`);
  }
  if (forwarded.includes('uploads') && query.uploads !== '') throw new OriginRequestError('The uploads parameter takes no value.');
  if (forwarded.includes('uploadId') && (!UPLOAD_ID_PATTERN.test(query.uploadId) || /^\.+$/.test(query.uploadId))) {
    throw new OriginRequestError('The uploadId parameter is not an upload ID.');
  }
  if (forwarded.includes('partNumber') && (!PART_NUMBER_PATTERN.test(query.partNumber) || Number(query.partNumber) > MAX_PART_NUMBER)) {
    throw new OriginRequestError('The partNumber parameter must be a whole number from 1 to 10000.');
  }
  return forwarded.map((name) => `${name}=${escapeQueryComponent(query[name])}`).join('&');
}

/** The viewer's headers that the origin gets: only the allow-listed ones. */
export function originHeadersFor(viewerHeaders) {
  const headers = {};
  for (const name of FORWARDED_HEADERS) {
    const value = viewerHeaders[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
