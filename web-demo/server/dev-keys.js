// The demo's key group: one RSA and one ECDSA key pair, made once with the
// package itself and kept in a git-ignored folder.
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateKeyPair } from '../../dist/index.mjs';

// IDs shaped like CloudFront's public key IDs, derived from the key so they stay stable.
function keyPairIdFor(publicKey) {
  const digest = createHash('sha256').update(publicKey).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let id = 'K';
  for (let i = 0; i < 13; i += 1) id += alphabet[digest[i] % alphabet.length];
  return id;
}

async function readOrCreate(dir, type) {
  const privateFile = join(dir, `${type}-private.pem`);
  const publicFile = join(dir, `${type}-public.pem`);
  try {
    return { privateKey: await readFile(privateFile, 'utf8'), publicKey: await readFile(publicFile, 'utf8') };
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  const pair = generateKeyPair({ type });
  await writeFile(privateFile, pair.privateKey, { mode: 0o600 });
  await chmod(privateFile, 0o600);
  await writeFile(publicFile, pair.publicKey);
  return pair;
}

export async function ensureDevKeys(dir) {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const keys = [];
  for (const type of ['rsa', 'ec']) {
    const pair = await readOrCreate(dir, type);
    keys.push({ type, keyPairId: keyPairIdFor(pair.publicKey), ...pair });
  }
  return keys;
}
