/** What a benchmark leaves behind and must undo when it ends. */
export interface Cleanup {
  /**
   * Registers `undo`, to run when the benchmark ends, also on failure; steps run in reverse order of registration.
   * A failing step prints `failure` with its error, and the steps after it still run.
   */
  add(failure: string, undo: () => Promise<void>): void;
}

/**
 * Runs a benchmark script's body, then its cleanup steps, then exits: with process.exitCode (0 when unset), or
 * with 1 after printing the error when the body threw.
 */
export function runBench(body: (cleanup: Cleanup) => Promise<void>): void {
  const steps: Array<{ failure: string; undo: () => Promise<void> }> = [];
  const run = async () => {
    try {
      await body({ add: (failure, undo) => steps.push({ failure, undo }) });
    } finally {
      for (const { failure, undo } of steps.reverse()) {
        try {
          await undo();
        } catch (error: unknown) {
          console.error(failure, error);
        }
      }
    }
  };
  run().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
