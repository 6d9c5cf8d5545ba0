import { CloudFrontSigner } from 'cloudfront-signer-wasm';
import { readFileSync } from 'node:fs';

const signer = new CloudFrontSigner({
  keyPairId: 'K2JCJMDEHXQW5F',
  privateKey: readFileSync('private_key.pem', 'utf8'),
  algorithm: 'SHA256',
});
for (const name of ['a.bin', 'b.bin', 'c.bin']) {
  console.log(signer.getSignedUrl({
    url: `https://d111111abcdef8.cloudfront.net/uploads/${name}`,
    dateLessThan: new Date(Date.now() + 60 * 60 * 1000), // 1 hour
  }));
}
signer.dispose(); // frees and zeroizes the key; `using signer = …` does the same where supported
