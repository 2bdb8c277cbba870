/** One line a moderator can act on, naming the file and the fix. */
export function describeProblem(error: unknown, file: string, dataDir: string): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return `${file} is not a readable database (${message}); move it away and the bot starts a new one`;
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return `${file} is locked by another process`;
    case 'SQLITE_FULL':
      return `the disk holding ${file} is full`;
    case 'SQLITE_READONLY':
    case 'SQLITE_CANTOPEN':
    case 'EACCES':
    case 'EROFS':
    case 'EPERM':
      return `${dataDir} cannot be written (${message}); give the bot's user write access or set DATA_DIR`;
    case 'ENOENT':
      return `${dataDir} does not exist and cannot be created (${message})`;
    case 'EEXIST':
    case 'ENOTDIR':
      return `${dataDir} is not a folder (a file is in the way: ${message}); set DATA_DIR to a folder`;
    default:
      return message;
  }
}
