// s3rver's filesystem store, changed where S3 semantics need it: an object is written
// to a temporary file and renamed into place, so a reader or a crash sees the old
// object or the new one, never a part of either. (The gateway escapes keys before they
// get here, so that each key has a file of its own: see s3rverKeyFor.)
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

const require = createRequire(import.meta.url);
const FilesystemStore = require('s3rver/lib/stores/filesystem');
const S3Object = require('s3rver/lib/models/object');

async function unlinkIfPresent(file) {
  try {
    await unlink(file);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
}

// Writes `content` next to `file` and renames it over `file`: all or nothing.
async function replaceFile(file, content) {
  const temporary = join(dirname(file), `.partial-${randomBytes(8).toString('hex')}`);
  try {
    await writeFile(temporary, content);
    await rename(temporary, file);
  } catch (error) {
    await unlinkIfPresent(temporary);
    throw error;
  }
}

export class AtomicFilesystemStore extends FilesystemStore {
  async putObject(object) {
    const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
    const md5Path = this.getResourcePath(object.bucket, object.key, 'object.md5');
    const metadataPath = this.getResourcePath(object.bucket, object.key, 'metadata.json');
    await mkdir(dirname(objectPath), { recursive: true });

    const temporary = join(dirname(objectPath), `.partial-${randomBytes(8).toString('hex')}`);
    const md5 = createHash('md5');
    let size = 0;
    try {
      const content = Buffer.isBuffer(object.content) ? [object.content] : object.content;
      await pipeline(content, async function* count(source) {
        for await (const chunk of source) {
          md5.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      }, createWriteStream(temporary, { flags: 'wx' }));
    } catch (error) {
      await unlinkIfPresent(temporary);
      throw error;
    }
    const md5Hex = md5.digest('hex');

    // In this order a crash at any step leaves whole bytes with their own MD5: without
    // an .md5 file s3rver recomputes it from the bytes on the next read.
    await unlinkIfPresent(md5Path);
    await replaceFile(metadataPath, JSON.stringify(metadataToStore(object.metadata), null, 2));
    await rename(temporary, objectPath);
    await replaceFile(md5Path, md5Hex);
    return { size, md5: md5Hex };
  }

  // Only the object's files go: removing "empty" parent directories would race with
  // a concurrent PUT of a sibling key that has just created them.
  async deleteObject(bucket, key) {
    await Promise.all(['object', 'object.md5', 'metadata.json'].map((resource) =>
      unlinkIfPresent(this.getResourcePath(bucket, key, resource))));
  }
}

// What s3rver's own putMetadata keeps.
function metadataToStore(metadata) {
  const stored = {};
  for (const [name, value] of Object.entries(metadata)) {
    if (S3Object.ALLOWED_METADATA.includes(name) || name.startsWith('x-amz-meta-')) stored[name] = value;
  }
  return stored;
}
