// A Cloudflare Worker that hands out signed upload URLs.
// wrangler secret put CLOUDFRONT_PRIVATE_KEY   (the PEM)
// [vars] CLOUDFRONT_KEY_PAIR_ID, CLOUDFRONT_DOMAIN in wrangler.toml
import { CloudFrontSigner } from 'cloudfront-signer-wasm';

let signer; // parsed on the first request, then reused by this isolate

export default {
  /**
   * @param {Request} request
   * @param {{ CLOUDFRONT_KEY_PAIR_ID: string, CLOUDFRONT_PRIVATE_KEY: string, CLOUDFRONT_DOMAIN: string }} env
   */
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (request.method !== 'POST' || pathname !== '/upload-url') {
      return new Response('Not found', { status: 404 });
    }
    const { fileName } = /** @type {{ fileName?: unknown }} */ (await request.json());
    if (typeof fileName !== 'string' || !/^[\w.-]{1,200}$/.test(fileName)) {
      return Response.json({ error: 'fileName may use letters, digits, ".", "_" and "-"' }, { status: 400 });
    }
    signer ??= new CloudFrontSigner({
      keyPairId: env.CLOUDFRONT_KEY_PAIR_ID,
      privateKey: env.CLOUDFRONT_PRIVATE_KEY,
      algorithm: 'SHA256',
    });
    const objectKey = `uploads/${crypto.randomUUID()}/${fileName}`;
    const uploadUrl = signer.getSignedUrl({
      url: `https://${env.CLOUDFRONT_DOMAIN}/${objectKey}`,
      dateLessThan: Date.now() + 5 * 60 * 1000, // five minutes
    });
    return Response.json({ objectKey, uploadUrl });
  },
};
