import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/** Editors' and our own temp files: swap and backup files, lock files, `.x.tmp` written before a rename. */
export function isTempFileName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('#') || name.endsWith('~') || /\.(?:swp|swx|tmp|bak)$/i.test(name) || /^\d+$/.test(name);
}

export interface FolderWatcher {
  close(): void;
}

export interface WatchFolderOptions {
  readonly debounceMs: number;
  /** Called once things have been quiet for `debounceMs` after one or more relevant events. */
  readonly onSettled: () => void;
  readonly onError: (error: Error) => void;
}

/**
 * Watches the folder itself, not each file: editors that save by writing a temp file and renaming
 * it over the original would otherwise leave a watcher on a file that no longer exists.
 */
export function watchFolder(dir: string, { debounceMs, onSettled, onError }: WatchFolderOptions): FolderWatcher {
  let timer: NodeJS.Timeout | null = null;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      onSettled();
    }, debounceMs);
  };
  const watcher: FSWatcher = watch(dir, { persistent: false }, (_event, filename) => {
    // Some platforms do not say which file changed; then anything may have.
    if (filename === null || !isTempFileName(path.basename(filename.toString()))) schedule();
  });
  watcher.on('error', onError);
  return {
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
      watcher.close();
    },
  };
}
