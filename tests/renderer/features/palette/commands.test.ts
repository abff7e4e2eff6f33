import { describe, expect, it, vi } from 'vitest';
import {
  actionCommands,
  conversationCommands,
  filterCommands,
  normalizeForSearch,
  type PaletteHandlers,
} from '../../../../src/renderer/features/palette/commands';
import { translatorFor } from '../../../../src/renderer/i18n';
import { contact, thread } from '../../test-utils/fixtures';

const t = translatorFor('en');

function handlers(current: PaletteHandlers['current']): PaletteHandlers {
  return {
    current,
    onView: vi.fn(),
    onResolve: vi.fn(),
    onReopen: vi.fn(),
    onAssignToMe: vi.fn(),
    onFocusReply: vi.fn(),
    onToggleTheme: vi.fn(),
    onSwitchLanguage: vi.fn(),
    onOpenSettings: vi.fn(),
    onOpenConversation: vi.fn(),
  };
}

const ids = (commands: Array<{ id: string }>) => commands.map((c) => c.id);

describe('command palette', () => {
  it('lists the views, theme, language and, for an open conversation, resolve / assign / focus reply', () => {
    const h = handlers({ status: 'open', assignedToMe: false });
    const commands = actionCommands(t, h);
    expect(ids(commands)).toEqual([
      'resolve',
      'assign-to-me',
      'focus-reply',
      'toggle-theme',
      'switch-language',
      'settings',
      'view-all',
      'view-mine',
      'view-unassigned',
      'view-resolved',
    ]);
    commands.find((c) => c.id === 'view-mine')?.run();
    expect(h.onView).toHaveBeenCalledWith('mine');
    commands.find((c) => c.id === 'resolve')?.run();
    expect(h.onResolve).toHaveBeenCalledOnce();
  });

  it('offers Reopen instead of Resolve for a resolved conversation, and no assign when it is already mine', () => {
    const commands = ids(actionCommands(t, handlers({ status: 'resolved', assignedToMe: true })));
    expect(commands).toContain('reopen');
    expect(commands).not.toContain('resolve');
    expect(commands).not.toContain('assign-to-me');
    expect(ids(actionCommands(t, handlers(null)))).not.toContain('focus-reply');
  });

  it('finds conversations by customer name without caring about accents or case, and by phone or email', () => {
    const open = vi.fn();
    const commands = conversationCommands(
      t,
      [
        { thread: thread({ id: 't1' }), contact: contact({ name: 'Amélie Laurent', email: 'amelie@shop.fr' }) },
        {
          thread: thread({ id: 't2', contactId: 'c2' }),
          contact: contact({ id: 'c2', name: 'Omar Haddad', phone: '+33700000000', email: null }),
        },
      ],
      open,
    );
    expect(ids(filterCommands(commands, 'AMELIE'))).toEqual(['thread-t1']);
    expect(ids(filterCommands(commands, 'laurent am'))).toEqual(['thread-t1']);
    expect(ids(filterCommands(commands, '3370000'))).toEqual(['thread-t2']);
    expect(ids(filterCommands(commands, 'zzz'))).toEqual([]);
    filterCommands(commands, 'omar')[0]?.run();
    expect(open).toHaveBeenCalledWith('t2');
  });

  it('ranks labels that start with the query first and caps each group', () => {
    const many = conversationCommands(
      t,
      Array.from({ length: 30 }, (_, i) => ({
        thread: thread({ id: `t${i}` }),
        contact: contact({ name: i === 29 ? 'Resolve Martin' : `Client ${i}` }),
      })),
      vi.fn(),
    );
    const all = [...actionCommands(t, handlers({ status: 'open', assignedToMe: false })), ...many];
    expect(filterCommands(all, 'client').length).toBe(8);
    expect(ids(filterCommands(all, 'resolve'))).toEqual(['resolve', 'thread-t29', 'view-resolved']);
    // With no query: every action, and only the first conversations.
    expect(filterCommands(all, '').filter((c) => c.group === 'conversations')).toHaveLength(8);
  });

  it('matches the start of words in names, and marks resolved conversations', () => {
    const commands = conversationCommands(
      t,
      [
        {
          thread: thread({ id: 't1' }),
          contact: contact({ name: 'Thomas Girard', handle: 'x1', email: null, phone: null }),
        },
        {
          thread: thread({ id: 't2', status: 'resolved' }),
          contact: contact({ name: 'Manon Dubois', handle: 'x2', email: null, phone: null }),
        },
        {
          thread: thread({ id: 't3' }),
          contact: contact({ name: 'Jean-Marc Roy', handle: 'x3', email: null, phone: null }),
        },
      ],
      vi.fn(),
    );
    expect(ids(filterCommands(commands, 'ma'))).toEqual(['thread-t2', 'thread-t3']);
    expect(commands.find((c) => c.id === 'thread-t2')?.tag).toBe('Resolved');
    expect(commands.find((c) => c.id === 'thread-t1')?.tag).toBeUndefined();
  });

  it('normalizes text for matching', () => {
    expect(normalizeForSearch('Éléonore ÇA')).toBe('eleonore ca');
  });
});
