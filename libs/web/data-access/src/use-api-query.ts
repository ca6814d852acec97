import type { ErrorBody } from '@academie/contracts';
import { useCallback, useEffect, useState } from 'react';
import { apiGet, toErrorBody } from './api-client';

export interface QueryState<T> {
  data: T | undefined;
  error: ErrorBody | undefined;
  loading: boolean;
  /** Fetch again (after an error, for example). */
  reload: () => void;
}

interface Snapshot<T> {
  path: string;
  attempt: number;
  data: T | undefined;
  error: ErrorBody | undefined;
}

/** GET `path` from the API when the component mounts and whenever `path` changes. */
export function useApiQuery<T>(path: string): QueryState<T> {
  const [attempt, setAttempt] = useState(0);
  const [snapshot, setSnapshot] = useState<Snapshot<T> | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    apiGet<T>(path, { signal: controller.signal }).then(
      (data) => setSnapshot({ path, attempt, data, error: undefined }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setSnapshot({ path, attempt, data: undefined, error: toErrorBody(error) });
      },
    );
    return () => controller.abort();
  }, [path, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  // A snapshot of another path or of an earlier attempt is stale: the request in flight decides.
  const current = snapshot !== undefined && snapshot.path === path && snapshot.attempt === attempt;
  return {
    data: current ? snapshot.data : undefined,
    error: current ? snapshot.error : undefined,
    loading: !current,
    reload,
  };
}
