import { fail, ok, type OrderSourceKind, type Result } from '../../core';
import type { Store } from '../store/store';
import { createOrderSources, type OrdersConfig } from './config';
import type { GuardOptions } from './guarded';
import { createOrdersService, type OrdersService } from './service';

export interface SwitchableOrders {
  /** Always answers with the shop configured now: commands and routes hold this one object. */
  service: OrdersService;
  kind(): OrderSourceKind;
  /**
   * Another shop from the next call on (the settings screen saved new credentials). A configuration the source
   * refuses (a bad URL) changes nothing and says why.
   */
  configure(config: OrdersConfig): Result<null>;
}

export function createSwitchableOrders(
  store: Store,
  initial: OrdersConfig,
  guard: GuardOptions = {},
): SwitchableOrders {
  const build = (config: OrdersConfig) => createOrdersService({ store, ...createOrderSources(config, store, guard) });
  let current = build(initial);
  const service: OrdersService = {
    get source() {
      return current.source;
    },
    forThread: (threadId) => current.forThread(threadId),
    find: (number) => current.find(number),
    cancel: (orderId) => current.cancel(orderId),
    updateAddress: (orderId, address) => current.updateAddress(orderId, address),
    fromCart: (threadId, messageId) => current.fromCart(threadId, messageId),
    latest: (threadId) => current.latest(threadId),
    setStatus: (orderId, status) => current.setStatus(orderId, status),
  };
  return {
    service,
    kind: () => current.source.kind,
    configure(config) {
      try {
        current = build(config);
        return ok(null);
      } catch (error) {
        return fail(error instanceof Error ? error.message : String(error));
      }
    },
  };
}
