import { useCallback, useEffect, useState } from 'react';

/**
 * Moves the keyboard focus to the element with a given id once React has rendered it: the first field in
 * error, the alert that explains a result, the heading of a new step (those need `tabIndex={-1}`).
 */
export function useFocusAfterRender(): (id: string) => void {
  const [target, setTarget] = useState<{ id: string; request: number } | undefined>(undefined);
  useEffect(() => {
    if (target === undefined) return;
    const element = document.getElementById(target.id);
    element?.focus();
    if (element !== null && !(element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement)) {
      element.scrollIntoView({ block: 'start' });
    }
  }, [target]);
  return useCallback((id: string) => setTarget((previous) => ({ id, request: (previous?.request ?? 0) + 1 })), []);
}
