import { test as base } from '@playwright/test';
import { TestGateway } from './gateway';
import { InboxPage } from './inbox.page';

/** Each test gets its own gateway (own data folder, own port, so its own IndexedDB origin) and inbox page. */
export const test = base.extend<{ gateway: TestGateway; inbox: InboxPage }>({
  // Playwright reads a fixture's dependencies from its first parameter's pattern: this one needs none.
  // eslint-disable-next-line no-empty-pattern
  gateway: async ({}, use) => {
    const gateway = new TestGateway();
    await gateway.start();
    await use(gateway);
    await gateway.dispose();
  },
  inbox: async ({ page }, use) => {
    await use(new InboxPage(page));
  },
});

export { expect } from '@playwright/test';
