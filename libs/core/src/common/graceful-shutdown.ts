import type { INestApplicationContext } from '@nestjs/common';

/**
 * On SIGTERM/SIGINT: stop accepting work, let Nest close connections and run shutdown hooks, then exit 0,
 * so orchestrators (docker compose, systemd) see a clean stop. A second signal, or 10 s, forces the exit.
 */
export function installGracefulShutdown(app: INestApplicationContext, log: (message: string) => void): void {
  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    log(`${signal} received, shutting down`);
    setTimeout(() => process.exit(1), 10_000).unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
