import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { decodeUtf8 } from './decodeUtf8.ts';
import type { FileProblem, TextRead } from './textRead.ts';

/**
 * The largest knowledge file read, in bytes. The bundled files are a few tens of KB (faq.yaml about
 * 25 KB); a 1 MiB file takes about a second to parse and validate on a small machine, while a 50 MB
 * one would leave the bot unresponsive and then out of memory.
 */
export const defaultMaxFileBytes = 1024 * 1024;

/** A read taking longer than this is abandoned (a hung network mount), so a reload never waits forever. */
export const defaultReadTimeoutMs = 10_000;

export interface ReadLimits {
  /** Default `defaultMaxFileBytes`. */
  readonly maxFileBytes?: number;
  /** Default `defaultReadTimeoutMs`. */
  readonly timeoutMs?: number;
}

/** What `readTextFile` says of a file that is not there. */
export const missingFileMessage = 'file is missing';

/**
 * Reads a UTF-8 text file, refusing what would hang or exhaust memory: anything but a regular file
 * (a FIFO would block until a writer appears, `/dev/zero` never ends), more than `maxFileBytes`,
 * a read slower than `timeoutMs`. Symlinks to regular files are followed.
 */
export async function readTextFile(filePath: string, { maxFileBytes = defaultMaxFileBytes, timeoutMs = defaultReadTimeoutMs }: ReadLimits = {}): Promise<TextRead> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<TextRead>((resolve) => {
    timer = setTimeout(() => resolve(refused(`could not be read within ${timeoutMs / 1000} s (a hung disk or network mount?)`)), timeoutMs);
  });
  try {
    // The read goes on in the background after a timeout; it closes its own handle whenever it ends.
    return await Promise.race([readBounded(filePath, maxFileBytes), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function readBounded(filePath: string, maxFileBytes: number): Promise<TextRead> {
  let handle: FileHandle;
  try {
    // Non-blocking, so that opening a FIFO returns at once instead of waiting for a writer.
    handle = await open(filePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refused(code === 'ENOENT' || code === 'ENOTDIR' ? missingFileMessage : `cannot read file (${String(error)})`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return refused(`is not a regular file (${kindOf(info)}); knowledge files must be ordinary files`);
    if (info.size > maxFileBytes) return tooLarge(info.size, maxFileBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    // Read to the end rather than trusting the size: the file may grow while it is read.
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxFileBytes + 1));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxFileBytes) return tooLarge(total, maxFileBytes);
    }
    return decodeUtf8(Buffer.concat(chunks, total));
  } catch (error) {
    return refused(`cannot read file (${String(error)})`);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** The problem for text over the limit, when it is not read from a file (an edit being validated). */
export function sizeProblem(text: string, maxFileBytes = defaultMaxFileBytes): FileProblem | null {
  const size = Buffer.byteLength(text, 'utf8');
  return size > maxFileBytes ? tooLarge(size, maxFileBytes).problem : null;
}

function tooLarge(size: number, maxFileBytes: number): TextRead & { readonly text: null } {
  return refused(`is too large (${size} bytes; a knowledge file may hold at most ${maxFileBytes} bytes: split it, or raise KNOWLEDGE_MAX_FILE_BYTES)`);
}

function refused(message: string): TextRead & { readonly text: null } {
  return { text: null, problem: { line: null, message } };
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a file';
}
