// What the user must fix (a kubeconfig, a flag, a name): one line and an exit code.
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
