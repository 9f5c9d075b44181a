/** Anything with one cleanup call: `vscode.Disposable` fits it, and so do our own objects. */
export interface Disposable {
  dispose(): void;
}

/**
 * Owns disposables with one lifetime (the extension's, or one panel's) and disposes them together,
 * newest first. Written against the structural {@link Disposable} rather than `vscode`'s, so the
 * panels and the features share it without either importing the other.
 */
export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private disposed = false;

  register<T extends Disposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const item of this.items.splice(0).reverse()) {
      try {
        item.dispose();
      } catch {
        // One failing disposable must not keep the others alive.
      }
    }
  }
}
