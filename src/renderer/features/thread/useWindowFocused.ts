import { useEffect, useState } from 'react';

/** Whether the agent is looking at the app: reading a thread in a background window does not count as read. */
export function useWindowFocused(): boolean {
  const [focused, setFocused] = useState(() => typeof document === 'undefined' || document.hasFocus());
  useEffect(() => {
    const update = () => setFocused(document.visibilityState === 'visible' && document.hasFocus());
    window.addEventListener('focus', update);
    window.addEventListener('blur', update);
    document.addEventListener('visibilitychange', update);
    return () => {
      window.removeEventListener('focus', update);
      window.removeEventListener('blur', update);
      document.removeEventListener('visibilitychange', update);
    };
  }, []);
  return focused;
}
