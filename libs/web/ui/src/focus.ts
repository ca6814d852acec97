import { useCallback, useEffect, useState } from 'react';

/**
 * Moves the keyboard focus to the element with a given id once React has rendered it: the first field in
 * error, the alert that explains why a form failed, the heading of a new step, the first result of a new
 * page. Elements that are not focusable by nature (an alert, a heading) need `tabIndex={-1}`.
 */
export function useFocusAfterRender(): (id: string) => void {
  const [target, setTarget] = useState<{ id: string; request: number } | undefined>(undefined);

  useEffect(() => {
    if (target === undefined) return;
    const element = document.getElementById(target.id);
    element?.focus();
    // A heading or an alert brought into view is easier to see at the top of the screen.
    if (element !== null && !(element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement || element instanceof HTMLButtonElement)) {
      element.scrollIntoView({ block: 'start' });
    }
  }, [target]);

  return useCallback((id: string) => setTarget((previous) => ({ id, request: (previous?.request ?? 0) + 1 })), []);
}
