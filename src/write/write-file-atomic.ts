import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { link, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { whileInterruptible } from '../process-cleanup.ts';

/**
 * Writes `data` to `file` so that a reader, or a build killed at any moment, only ever sees
 * the old file or the new one: the bytes go to a temporary file in the same folder, are
 * flushed to disk, and the temporary file is renamed over the target.
 */
export async function writeFileAtomic(file: string, data: Uint8Array | string, options: { exclusive?: boolean } = {}): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const done = whileInterruptible(() => rmSync(temp, { force: true }));
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.exclusive) {
      // link() fails if the target exists: two writers never overwrite each other's file.
      await link(temp, file);
      await rm(temp, { force: true });
    } else {
      await rename(temp, file);
    }
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  } finally {
    done();
  }
}
