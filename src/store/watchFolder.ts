import { statSync, watch, type FSWatcher, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';

/** Editors' and our own temp files: swap and backup files, lock files, `.x.tmp` written before a rename. */
export function isTempFileName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('#') || name.endsWith('~') || /\.(?:swp|swx|tmp|bak)$/i.test(name) || /^\d+$/.test(name);
}

export interface FolderWatcher {
  /** True while a watcher is attached to the folder that is at the path now. */
  watching(): boolean;
  close(): void;
}

export interface WatchFolderOptions {
  readonly debounceMs: number;
  /** How often to check that the path still names the folder being watched. */
  readonly pollMs: number;
  /** Called once things have been quiet for `debounceMs` after one or more relevant events. */
  readonly onSettled: () => void;
  /** Called when the path was found to name another folder, and the watcher moved to it. */
  readonly onReplaced?: () => void;
  readonly onError: (error: Error) => void;
}

/**
 * Watches the folder itself, not each file: editors that save by writing a temp file and renaming
 * it over the original would otherwise leave a watcher on a file that no longer exists.
 *
 * A watcher follows the folder it was attached to, not its path: after `mv knowledge.new
 * knowledge` or a re-pointed symlink it would watch the old folder for ever. So the path's identity
 * (device and inode, through any symlink) is checked every `pollMs`; when it names another folder,
 * the watcher moves there and a reload is scheduled. While the path names no folder, nothing is
 * watched and `watching()` says so.
 */
export function watchFolder(dir: string, { debounceMs, pollMs, onSettled, onReplaced, onError }: WatchFolderOptions): FolderWatcher {
  let timer: NodeJS.Timeout | null = null;
  let attached: { readonly watcher: FSWatcher; readonly identity: string } | null = null;
  let closed = false;
  let checking = false;
  let failedIdentity: string | null = null;

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (!closed) onSettled();
    }, debounceMs);
  };

  const detach = () => {
    attached?.watcher.close();
    attached = null;
  };

  /** Watches whatever folder `identity` (read just before, so a swap in between is seen next time) names. */
  const attach = (identity: string) => {
    try {
      const watcher = watch(dir, { persistent: false }, (_event, filename) => {
        // Some platforms do not say which file changed; then anything may have.
        if (filename === null || !isTempFileName(path.basename(filename.toString()))) schedule();
      });
      watcher.on('error', (error) => {
        // The folder may have been removed under the watcher; the next check re-attaches.
        if (attached?.watcher === watcher) detach();
        onError(error);
      });
      attached = { watcher, identity };
    } catch (error) {
      // Retried at every check (the limit on watches may be lifted); reported once per folder.
      if (failedIdentity !== identity) onError(error instanceof Error ? error : new Error(String(error)));
      failedIdentity = identity;
    }
  };

  const check = async () => {
    if (checking || closed) return;
    checking = true;
    try {
      const identity = await identityOf(dir);
      if (closed || identity === attached?.identity) return;
      const replaced = attached !== null || identity !== null;
      detach();
      if (identity !== null) attach(identity);
      if (replaced && identity !== null) {
        onReplaced?.();
        schedule();
      }
    } finally {
      checking = false;
    }
  };

  const first = identityOfSync(dir);
  if (first !== null) attach(first);
  const poll = setInterval(() => {
    check().catch((error: unknown) => onError(error instanceof Error ? error : new Error(String(error))));
  }, pollMs);
  poll.unref();

  return {
    watching: () => attached !== null,
    close() {
      closed = true;
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      timer = null;
      detach();
    },
  };
}

/**
 * Which folder `dir` names now (through symlinks), or null when none: device and inode, plus the
 * creation time where the file system keeps one, since a folder deleted and made again may get
 * the same inode number.
 */
async function identityOf(dir: string): Promise<string | null> {
  return stat(dir).then(identity, () => null);
}

/** Synchronous once, at start, so `watching()` is right as soon as `watch()` returns. */
function identityOfSync(dir: string): string | null {
  try {
    return identity(statSync(dir));
  } catch {
    return null;
  }
}

function identity(info: Stats): string | null {
  return info.isDirectory() ? `${info.dev}:${info.ino}:${info.birthtimeMs}` : null;
}
