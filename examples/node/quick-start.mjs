import { getSignedUrl } from 'cloudfront-signer-wasm';
import { readFileSync } from 'node:fs';

const url = getSignedUrl({
  url: 'https://d111111abcdef8.cloudfront.net/uploads/report.pdf',
  keyPairId: 'K2JCJMDEHXQW5F',
  privateKey: readFileSync('private_key.pem', 'utf8'),
  dateLessThan: new Date(Date.now() + 5 * 60 * 1000), // 5 minutes
});
console.log(url);
