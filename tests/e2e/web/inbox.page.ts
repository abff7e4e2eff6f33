import { expect, type Locator, type Page } from '@playwright/test';

/** The inbox as an agent sees it, by the accessible names a screen reader would announce. */
export class InboxPage {
  readonly conversations: Locator;
  readonly rows: Locator;
  readonly reply: Locator;
  readonly send: Locator;
  readonly messages: Locator;
  readonly views: Locator;

  constructor(readonly page: Page) {
    this.conversations = page.getByRole('listbox', { name: 'Conversations' });
    this.rows = this.conversations.getByRole('option');
    this.reply = page.getByRole('textbox', { name: 'Reply' });
    this.send = page.getByRole('button', { name: 'Send' });
    this.messages = page.getByRole('log', { name: 'Messages' });
    this.views = page.getByRole('navigation', { name: 'Views' });
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.rows.first()).toBeVisible();
  }

  row(customer: string): Locator {
    return this.rows.filter({ hasText: customer });
  }

  /**
   * The first conversation below the urgent and high ones: where a new message of normal priority lands (the
   * list puts raised priorities first, then everything newest first).
   */
  firstOfNormalPriority(): Locator {
    return this.rows.filter({ hasNot: this.page.locator('[data-priority="urgent"], [data-priority="high"]') }).first();
  }

  async open(customer: string): Promise<void> {
    await this.row(customer).first().click();
    await expect(this.page.getByRole('heading', { level: 2, name: customer })).toBeVisible();
  }

  async write(text: string): Promise<void> {
    await this.reply.fill(text);
    await this.reply.press('Enter');
    await expect(this.reply).toHaveValue('');
  }

  /** The connection state shown at the bottom of the navigation. */
  status(text: string | RegExp): Locator {
    return this.page.getByRole('status').filter({ hasText: text });
  }
}
