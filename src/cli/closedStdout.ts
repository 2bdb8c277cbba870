/**
 * `npm run ask … | head`: once the reader has what it wanted and closes the pipe, the next write
 * fails with EPIPE, which Node raises as an unhandled error (a stack trace, exit code 1). A
 * terminal tool leaves quietly instead, with the exit code it has so far.
 */
export function exitQuietlyWhenStdoutCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}
