/**
 * The one error type of the pure core. A bad spec (from the CLI, a webview or a hover link) is the
 * caller's mistake, not a crash: it names the field at fault so the message can point at it.
 */
export class SpecError extends Error {
  override readonly name = 'SpecError';

  /**
   * @param field a JSON-path-like name of the offending field, e.g. `optimizers[1].betas[0]`.
   * @param reason what is wrong with it, phrased like torch's own validation messages.
   */
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(field ? `${field}: ${reason}` : reason);
  }
}

export function isSpecError(error: unknown): error is SpecError {
  return error instanceof SpecError;
}
