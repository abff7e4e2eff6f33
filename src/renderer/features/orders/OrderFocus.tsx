import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

/**
 * The order the agent asked to see (a chip in the thread, a search in the panel), shared by the thread and the
 * Orders panel, which may be closed: asking opens it. Two contexts: the thread's bubbles only need the stable
 * "open" function, so focusing an order does not re-render every message.
 */
export interface FocusedOrder {
  number: string;
  /** Grows each time, so asking for the same number again scrolls to it again. */
  seq: number;
}

const OpenOrderContext = createContext<((number: string) => void) | null>(null);
const FocusedOrderContext = createContext<FocusedOrder | null>(null);

export function OrderFocusProvider(props: { onFocus?(number: string): void; children: ReactNode }) {
  const [focused, setFocused] = useState<FocusedOrder | null>(null);
  const onFocus = useRef(props.onFocus);
  onFocus.current = props.onFocus;
  const open = useCallback((number: string) => {
    setFocused((prev) => ({ number, seq: (prev?.seq ?? 0) + 1 }));
    onFocus.current?.(number);
  }, []);
  return (
    <OpenOrderContext.Provider value={open}>
      <FocusedOrderContext.Provider value={focused}>{props.children}</FocusedOrderContext.Provider>
    </OpenOrderContext.Provider>
  );
}

/** Null outside a provider: a message shown elsewhere (a search result, a test) has plain text, no chips. */
export function useOpenOrder(): ((number: string) => void) | null {
  return useContext(OpenOrderContext);
}

export function useFocusedOrder(): FocusedOrder | null {
  return useContext(FocusedOrderContext);
}
