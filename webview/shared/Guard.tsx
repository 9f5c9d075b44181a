/**
 * Keeps a failure in one part of the panel (a canvas, the chart) from blanking the rest: the part
 * shows what went wrong and a retry button, and the error goes to the extension's log.
 */
import type { ComponentChildren } from 'preact';
import { useErrorBoundary } from 'preact/hooks';
import { format } from './strings';

export interface GuardProps {
  readonly children: ComponentChildren;
  readonly strings: { readonly failed: string; readonly retry: string };
  readonly onError: (error: unknown) => void;
}

export function Guard({ children, strings, onError }: GuardProps) {
  const [error, reset] = useErrorBoundary(onError);
  if (!error) return <>{children}</>;
  return (
    <div class="guard" role="alert">
      <p class="entry-error">{format(strings.failed, error instanceof Error ? error.message : String(error))}</p>
      <button type="button" onClick={reset}>
        {strings.retry}
      </button>
    </div>
  );
}
