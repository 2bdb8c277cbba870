/**
 * Calls `onGone` once the process that started this one has exited. `npm start` (npm 11 exits at once on SIGTERM
 * without waiting for the script) or a supervisor killed with SIGKILL leave the bot running with nobody to stop it;
 * the kernel then hands it to init or a subreaper, so its parent process id changes. Returns a function that stops
 * watching. The check never keeps the process alive by itself.
 */
export function watchParent(onGone: () => void, { intervalMs = 1_000 }: { intervalMs?: number } = {}): () => void {
  const parent = process.ppid;
  // Started by init (a systemd service, a container's PID 1): there is no parent to outlive.
  if (parent <= 1) return () => undefined;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
