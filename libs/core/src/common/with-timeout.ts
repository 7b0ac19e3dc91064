/**
 * The promise's outcome, or the error `onTimeout` makes if it has not settled within `ms`. The work itself goes on
 * (a Redis command waits in its client's queue); only the caller stops waiting for it.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
    // A pending deadline alone does not keep a process alive (a CLI command that is done, Jest's workers).
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
