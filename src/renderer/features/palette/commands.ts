import {
  IconArrowBackUp,
  IconBrandInstagram,
  IconBrandMessenger,
  IconBrandWhatsapp,
  IconCheck,
  IconCircleCheck,
  IconInbox,
  IconLanguage,
  IconPencil,
  IconSettings,
  IconSunMoon,
  IconUser,
  IconUserOff,
  IconUserPlus,
  type Icon,
} from '@tabler/icons-react';
import type { Channel } from '../../../core';
import type { Translate } from '../../i18n';
import { customerName, INBOX_VIEWS, type BaseView, type ConversationSummary, type InboxView } from '../inbox/model';

export type CommandGroup = 'actions' | 'views' | 'conversations';

export interface PaletteCommand {
  id: string;
  group: CommandGroup;
  label: string;
  description?: string;
  icon: Icon;
  /** Extra words that find this command (a phone number, an email), already normalized. */
  keywords?: string;
  /** A short tag on the right, e.g. "Resolved" on a closed conversation. */
  tag?: string;
  run(): void;
}

export interface PaletteHandlers {
  /** The conversation open in the thread pane, if any. */
  current: { status: 'open' | 'resolved'; assignedToMe: boolean } | null;
  onView(view: InboxView): void;
  onResolve(): void;
  onReopen(): void;
  onAssignToMe(): void;
  onFocusReply(): void;
  onToggleTheme(): void;
  onSwitchLanguage(): void;
  onOpenSettings(): void;
  onOpenConversation(threadId: string): void;
}

const CHANNEL_ICONS: Record<Channel, Icon> = {
  whatsapp: IconBrandWhatsapp,
  messenger: IconBrandMessenger,
  instagram: IconBrandInstagram,
};

const VIEW_ICONS: Record<BaseView, Icon> = {
  all: IconInbox,
  mine: IconUser,
  unassigned: IconUserOff,
  resolved: IconCircleCheck,
};

/** Lower case without accents, so "amelie" finds "Amélie" and "resoudre" finds "Résoudre". */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** The commands that act on the app and on the open conversation (which ones depends on its state). */
export function actionCommands(t: Translate, h: PaletteHandlers): PaletteCommand[] {
  const commands: PaletteCommand[] = [];
  if (h.current?.status === 'open') {
    commands.push({ id: 'resolve', group: 'actions', label: t('palette.resolve'), icon: IconCheck, run: h.onResolve });
  }
  if (h.current?.status === 'resolved') {
    commands.push({
      id: 'reopen',
      group: 'actions',
      label: t('palette.reopen'),
      icon: IconArrowBackUp,
      run: h.onReopen,
    });
  }
  if (h.current && !h.current.assignedToMe) {
    commands.push({
      id: 'assign-to-me',
      group: 'actions',
      label: t('palette.assignToMe'),
      icon: IconUserPlus,
      run: h.onAssignToMe,
    });
  }
  if (h.current) {
    commands.push({
      id: 'focus-reply',
      group: 'actions',
      label: t('palette.focusReply'),
      icon: IconPencil,
      run: h.onFocusReply,
    });
  }
  commands.push(
    { id: 'toggle-theme', group: 'actions', label: t('palette.toggleTheme'), icon: IconSunMoon, run: h.onToggleTheme },
    {
      id: 'switch-language',
      group: 'actions',
      label: t('palette.switchLanguage'),
      icon: IconLanguage,
      keywords: 'language langue english francais',
      run: h.onSwitchLanguage,
    },
    { id: 'settings', group: 'actions', label: t('palette.settings'), icon: IconSettings, run: h.onOpenSettings },
  );
  for (const view of INBOX_VIEWS) {
    commands.push({
      id: `view-${view}`,
      group: 'views',
      label: t('palette.goTo', { view: t(`view.${view}`) }),
      icon: VIEW_ICONS[view],
      run: () => h.onView(view),
    });
  }
  return commands;
}

/** One command per conversation, found by the customer's name, handle, phone or email. */
export function conversationCommands(
  t: Translate,
  conversations: readonly ConversationSummary[],
  open: (threadId: string) => void,
): PaletteCommand[] {
  return conversations.map(({ thread, contact }) => ({
    id: `thread-${thread.id}`,
    group: 'conversations',
    label: customerName(contact, t('thread.unknownCustomer')),
    description: thread.lastMessagePreview,
    icon: CHANNEL_ICONS[thread.channel],
    tag: thread.status === 'resolved' ? t('thread.status.resolved') : undefined,
    keywords: normalizeForSearch([contact?.handle, contact?.phone, contact?.email].filter(Boolean).join(' ')),
    run: () => open(thread.id),
  }));
}

/** Splits into words on anything that is not a letter or a digit ("Jean-Luc" is "jean" and "luc"). */
function wordsOf(normalized: string): string[] {
  return normalized.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * Every word of the query must start a word of the label ("ma" finds "Manon", not "Thomas") or appear in the
 * keywords (digits of a phone number, part of an email). Labels that start with the query come first.
 */
export function filterCommands(commands: readonly PaletteCommand[], query: string, limit = 8): PaletteCommand[] {
  const words = wordsOf(normalizeForSearch(query));
  if (words.length === 0) {
    return [
      ...commands.filter((c) => c.group !== 'conversations'),
      ...commands.filter((c) => c.group === 'conversations').slice(0, limit),
    ];
  }
  const first = words[0] ?? '';
  const scored: Array<{ command: PaletteCommand; score: number; order: number }> = [];
  commands.forEach((command, order) => {
    const label = normalizeForSearch(command.label);
    const labelWords = wordsOf(label);
    const keywords = command.keywords ?? '';
    const matches = (w: string) => labelWords.some((lw) => lw.startsWith(w)) || keywords.includes(w);
    if (!words.every(matches)) return;
    scored.push({ command, score: label.startsWith(first) ? 0 : 1, order });
  });
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  const perGroup = new Map<CommandGroup, number>();
  const result: PaletteCommand[] = [];
  for (const { command } of scored) {
    const n = perGroup.get(command.group) ?? 0;
    if (n >= limit) continue;
    perGroup.set(command.group, n + 1);
    result.push(command);
  }
  return result;
}
