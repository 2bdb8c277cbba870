import { randomBytes } from 'node:crypto';
import { open, readdir, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** Test-only hooks to inject failures at the points a crash could happen. */
export interface AtomicWriteHooks {
  /** Runs after the temp file is written and synced, before it replaces the target. */
  readonly beforeRename?: (tempPath: string, targetPath: string) => void | Promise<void>;
}

/** `.faq.yaml.<pid>.<random>.tmp`: next to the target (same file system, so rename is atomic), hidden from the watcher. */
function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

function isTempOf(target: string, name: string): boolean {
  const prefix = `.${path.basename(target)}.`;
  return name.startsWith(prefix) && name.endsWith('.tmp') && /^\d+\.[0-9a-f]+$/.test(name.slice(prefix.length, -'.tmp'.length));
}

/**
 * Replaces `target` with `content` (text is written as UTF-8) so that readers and crashes only ever see the old file or the new
 * one: write a temp file beside it, fsync, rename over the target, fsync the folder. When `target`
 * is a symlink, the file it points to is replaced (its temp file in that file's folder, for an
 * atomic rename there) and the link stays a link.
 */
export async function writeFileAtomic(linkOrFile: string, content: string | Uint8Array, hooks: AtomicWriteHooks = {}): Promise<void> {
  const target = await fileBehind(linkOrFile);
  const temp = tempPathFor(target);
  const mode = await stat(target).then((s) => s.mode & 0o777, () => 0o644);
  let renamed = false;
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await hooks.beforeRename?.(temp, target);
    await rename(temp, target);
    renamed = true;
  } finally {
    if (!renamed) await rm(temp, { force: true }).catch(() => undefined);
  }
  await syncFolder(path.dirname(target));
}

/** Removes temp files a crashed write of `target` left behind; call while no write of it is in progress. */
export async function removeStaleTempFiles(linkOrFile: string): Promise<string[]> {
  const target = await fileBehind(linkOrFile);
  const dir = path.dirname(target);
  const stale = (await readdir(dir)).filter((name) => isTempOf(target, name));
  await Promise.all(stale.map((name) => rm(path.join(dir, name), { force: true })));
  return stale;
}

/** The file `linkOrFile` names after following every symlink; itself when it does not exist yet. */
async function fileBehind(linkOrFile: string): Promise<string> {
  try {
    return await realpath(linkOrFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return linkOrFile;
    throw error;
  }
}

/** Makes the rename itself durable. Not every platform can open a folder (Windows); there it is skipped. */
async function syncFolder(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF' && code !== 'EACCES') throw error;
  } finally {
    await handle?.close();
  }
}
