import type { ErrorBody } from '@academie/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { apiGet, toErrorBody } from './api-client';

export interface LiveQueryState<T> {
  /** The latest answer, kept while a refresh runs (the screen does not blink). */
  data: T | undefined;
  /** The error of the latest attempt; cleared by the next success. */
  error: ErrorBody | undefined;
  /** True until the first answer (or error) for this path. */
  loading: boolean;
  /** Fetches again in the background, keeping the current data meanwhile. */
  refresh: () => void;
}

export interface LiveQueryOptions {
  /** Fetch again every so many milliseconds while the page is visible; null or 0 for never. */
  pollMs?: number | null;
  /** False to wait (a path not known yet, no session yet). Default true. */
  enabled?: boolean;
}

/**
 * GET `path` from the API, then again on `refresh()` or every `pollMs`, keeping the previous answer while the
 * next one comes: for screens that follow a state the learner changes (progress, certificates being issued).
 */
export function useLiveQuery<T>(path: string | null, options: LiveQueryOptions = {}): LiveQueryState<T> {
  const { pollMs = null, enabled = true } = options;
  const [state, setState] = useState<{ path: string | null; data: T | undefined; error: ErrorBody | undefined }>({
    path: null,
    data: undefined,
    error: undefined,
  });
  const [tick, setTick] = useState(0);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => {
    if (path === null || !enabled) return;
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    apiGet<T>(path, { signal: current.signal }).then(
      (data) => {
        if (!current.signal.aborted) setState({ path, data, error: undefined });
      },
      (error: unknown) => {
        if (current.signal.aborted) return;
        setState((previous) => ({ path, data: previous.path === path ? previous.data : undefined, error: toErrorBody(error) }));
      },
    );
    return () => current.abort();
  }, [path, enabled, tick]);

  useEffect(() => {
    if (!pollMs || path === null || !enabled) return;
    const timer = setInterval(() => {
      if (typeof document === 'undefined' || document.visibilityState === 'visible') setTick((n) => n + 1);
    }, pollMs);
    return () => clearInterval(timer);
  }, [pollMs, path, enabled]);

  const refresh = useCallback(() => setTick((n) => n + 1), []);
  const current = state.path === path && path !== null;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: !current,
    refresh,
  };
}
