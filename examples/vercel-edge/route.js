// app/api/upload-url/route.js: a Next.js route on the Edge runtime that hands
// out signed upload URLs. Set CLOUDFRONT_PRIVATE_KEY, CLOUDFRONT_KEY_PAIR_ID and
// CLOUDFRONT_DOMAIN in the project's environment variables.
import { getSignedUrl } from 'cloudfront-signer-wasm';

export const runtime = 'edge';

export async function POST(request) {
  const { fileName } = await request.json();
  if (typeof fileName !== 'string' || !/^[\w.-]{1,200}$/.test(fileName)) {
    return Response.json({ error: 'fileName may use letters, digits, ".", "_" and "-"' }, { status: 400 });
  }
  const objectKey = `uploads/${crypto.randomUUID()}/${fileName}`;
  const uploadUrl = getSignedUrl({
    url: `https://${process.env.CLOUDFRONT_DOMAIN}/${objectKey}`,
    keyPairId: process.env.CLOUDFRONT_KEY_PAIR_ID,
    privateKey: process.env.CLOUDFRONT_PRIVATE_KEY,
    dateLessThan: Date.now() + 5 * 60 * 1000, // five minutes
  });
  return Response.json({ objectKey, uploadUrl });
}
