/** Runs a benchmark's main: its result is the exit status (0 targets met, 1 not met); a crash prints and exits 2. */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 2;
    },
  );
}
