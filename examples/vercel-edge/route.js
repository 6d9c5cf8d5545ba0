// app/api/upload-url/route.js: a Next.js route on the Edge runtime that hands
// out signed upload URLs. Set CLOUDFRONT_PRIVATE_KEY, CLOUDFRONT_KEY_PAIR_ID and
// CLOUDFRONT_DOMAIN in the project's environment variables.
import { getSignedUrl } from 'cloudfront-signer-wasm';

export const runtime = 'edge';

/** @param {Request} request */
export async function POST(request) {
  const { CLOUDFRONT_DOMAIN, CLOUDFRONT_KEY_PAIR_ID, CLOUDFRONT_PRIVATE_KEY } = process.env;
  if (!CLOUDFRONT_DOMAIN || !CLOUDFRONT_KEY_PAIR_ID || !CLOUDFRONT_PRIVATE_KEY) {
    return Response.json({ error: 'the CLOUDFRONT_* environment variables are not set' }, { status: 500 });
  }
  const { fileName } = /** @type {{ fileName?: unknown }} */ (await request.json());
  if (typeof fileName !== 'string' || !/^[\w.-]{1,200}$/.test(fileName)) {
    return Response.json({ error: 'fileName may use letters, digits, ".", "_" and "-"' }, { status: 400 });
  }
  const objectKey = `uploads/${crypto.randomUUID()}/${fileName}`;
  const uploadUrl = getSignedUrl({
    url: `https://${CLOUDFRONT_DOMAIN}/${objectKey}`,
    keyPairId: CLOUDFRONT_KEY_PAIR_ID,
    privateKey: CLOUDFRONT_PRIVATE_KEY,
    dateLessThan: Date.now() + 5 * 60 * 1000, // five minutes
  });
  return Response.json({ objectKey, uploadUrl });
}
