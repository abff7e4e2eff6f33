import { AppShell, Box } from '@mantine/core';
import { useDisclosure, useLocalStorage } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useServices } from '../data/context';
import { useConnection, useInboxActions, useLabels, useThread, useThreadList } from '../data/hooks';
import { ContactPanel } from '../features/contact/ContactPanel';
import { OrderFocusProvider } from '../features/orders/OrderFocus';
import { ConversationList } from '../features/inbox/components/ConversationList';
import { ListHeader } from '../features/inbox/components/ListHeader';
import { InboxNav } from '../features/inbox/InboxNav';
import { inView, labelIdOf, type InboxView, type StandardView } from '../features/inbox/model';
import { CommandPalette, openPalette } from '../features/palette/CommandPalette';
import type { PaletteHandlers } from '../features/palette/commands';
import { channelCredentialsApi } from '../features/settings/channelCredentials';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { useColorSchemeToggle } from '../features/settings/useColorSchemeToggle';
import { ThreadPane } from '../features/thread/ThreadPane';
import { useThreadCommands } from '../features/thread/useThreadCommands';
import { useI18n } from '../i18n';
import { useInboxShortcuts } from './shortcuts';
import { stepConversation } from './stepper';
import { useNow } from './useNow';

const NAV_WIDTH = 220;
const LIST_WIDTH = 340;
const CONTACT_WIDTH = 280;
const CONTACT_BY_DEFAULT_FROM = 1360;

const modKey = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘' : 'Ctrl';

/** The inbox: views, the conversation list, the open thread and its contact, plus the keyboard and palette. */
export function InboxScreen() {
  const { platform } = useServices();
  const { t, language, setPreference } = useI18n();
  const [view, setView] = useState<InboxView>('all');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [contactOpen, setContactOpen] = useLocalStorage<boolean>({
    key: 'comptoir.contact-panel',
    // Below this width the thread would be too narrow beside it; the agent's own choice, once made, is kept.
    defaultValue: typeof window === 'undefined' || window.innerWidth >= CONTACT_BY_DEFAULT_FROM,
    getInitialValueInEffect: false,
  });
  const [settingsOpen, settings] = useDisclosure(false);
  const items = useThreadList(view);
  const connection = useConnection();
  const entry = useThread(selectedId);
  const agentId = connection.agent?.id ?? null;
  const commands = useThreadCommands(selectedId, agentId);
  const toggleTheme = useColorSchemeToggle();
  const now = useNow();
  const replyRef = useRef<HTMLTextAreaElement>(null);
  const { channelStatus } = useInboxActions();
  const credentials = useMemo(() => channelCredentialsApi(), []);

  // The list's row is there at once; the thread's own live query follows a moment later.
  const listed = useMemo(() => items?.find((i) => i.thread.id === selectedId), [items, selectedId]);
  const open = entry && entry.thread.id === selectedId ? entry : listed;
  const current = open?.thread ?? null;
  const ids = useMemo(() => items?.map((i) => i.thread.id) ?? [], [items]);
  const lastIndex = useRef(-1);
  useEffect(() => {
    const index = selectedId ? ids.indexOf(selectedId) : -1;
    if (index >= 0) lastIndex.current = index;
  }, [ids, selectedId]);

  // Where the selection goes when the open conversation leaves the list, or the list changes under it.
  const leaving = useRef<string | null>(null);
  const viewSwitch = useRef<{ stale: typeof items } | null>(null);
  const latest = useRef({ items, view });
  useEffect(() => {
    latest.current = { items, view };
  });
  useEffect(() => {
    if (!items) return;
    const pending = viewSwitch.current;
    if (pending) {
      // The live query still holds the previous view's rows for a moment: wait for the new view's own answer.
      if (items === pending.stale || !items.every((i) => inView(i.thread, view, agentId))) return;
      viewSwitch.current = null;
      if (selectedId !== null && !ids.includes(selectedId)) setSelectedId(ids[0] ?? null);
      return;
    }
    if (leaving.current === null) return;
    if (leaving.current !== selectedId) {
      leaving.current = null;
      return;
    }
    if (ids.includes(selectedId)) return;
    // Resolved out of this view: the conversation that slid into its place, or the one above if it was last.
    leaving.current = null;
    const index = Math.min(lastIndex.current, ids.length - 1);
    setSelectedId(index >= 0 ? (ids[index] ?? null) : null);
  }, [items, ids, view, agentId, selectedId]);

  const resolve = useCallback(() => {
    leaving.current = view === 'resolved' ? null : selectedId;
    commands.resolve();
  }, [commands, selectedId, view]);
  // Marking spam (or not spam) takes the conversation out of the list it is in, as resolving does.
  const setSpam = useCallback(
    (spam: boolean) => {
      leaving.current = (view === 'spam') !== spam ? selectedId : null;
      commands.setSpam(spam);
    },
    [commands, selectedId, view],
  );
  const threadCommands = useMemo(() => ({ ...commands, resolve, setSpam }), [commands, resolve, setSpam]);

  const select = useCallback((threadId: string) => setSelectedId(threadId), []);
  const step = (delta: 1 | -1) => {
    const next = stepConversation(ids, selectedId, lastIndex.current, delta);
    if (next) setSelectedId(next);
  };
  const focusReply = useCallback(() => replyRef.current?.focus(), []);
  const labels = useLabels();
  const viewLabelId = labelIdOf(view);
  const viewLabel = viewLabelId === null ? undefined : labels?.find((l) => l.id === viewLabelId);
  const viewTitle =
    viewLabelId === null ? t(`view.${view as StandardView}`) : (viewLabel?.name ?? t('inbox.labels.title'));
  const changeView = useCallback((next: InboxView) => {
    if (next === latest.current.view) return;
    setView(next);
    lastIndex.current = -1;
    viewSwitch.current = { stale: latest.current.items };
  }, []);

  // A label deleted (or merged) while its view is open: back to the inbox.
  const labelGone = labels !== undefined && viewLabelId !== null && (!viewLabel || viewLabel.deletedAt !== undefined);
  useEffect(() => {
    if (labelGone) changeView('all');
  }, [labelGone, changeView]);

  useInboxShortcuts({
    next: () => step(1),
    previous: () => step(-1),
    resolve: () => {
      if (current?.status === 'open') resolve();
    },
    focusReply,
  });

  // The badge and the notifications themselves are the data layer's (data/notifications.ts); a click lands here.
  useEffect(() => platform.onNotificationClick((threadId) => setSelectedId(threadId)), [platform]);

  const handlers = useMemo<PaletteHandlers>(
    () => ({
      current: current ? { status: current.status, assignedToMe: current.assigneeId === agentId } : null,
      onView: changeView,
      onResolve: resolve,
      onReopen: commands.reopen,
      onAssignToMe: commands.assignToMe,
      // The palette gives focus back to what had it when it closes; focus the reply box after that.
      onFocusReply: () => setTimeout(focusReply, 0),
      onToggleTheme: toggleTheme,
      onSwitchLanguage: () => setPreference(language === 'fr' ? 'en' : 'fr'),
      onOpenSettings: settings.open,
      onOpenConversation: select,
    }),
    [
      current,
      agentId,
      changeView,
      commands,
      resolve,
      focusReply,
      toggleTheme,
      setPreference,
      language,
      settings.open,
      select,
    ],
  );

  const showContact = contactOpen && selectedId !== null;
  return (
    // An order chip in the thread opens the panel where the order shows.
    <OrderFocusProvider onFocus={() => setContactOpen(true)}>
      <AppShell
        padding={0}
        navbar={{ width: NAV_WIDTH, breakpoint: 'xs' }}
        aside={{ width: CONTACT_WIDTH, breakpoint: 'md', collapsed: { desktop: !showContact, mobile: true } }}
      >
        <AppShell.Navbar>
          <InboxNav
            view={view}
            onViewChange={changeView}
            onOpenPalette={openPalette}
            onOpenSettings={settings.open}
            modKey={modKey}
          />
        </AppShell.Navbar>
        <AppShell.Main h="100dvh" style={{ display: 'flex', minHeight: 0 }}>
          <Box
            component="section"
            aria-label={viewTitle}
            w={LIST_WIDTH}
            style={{
              flex: 'none',
              display: 'flex',
              flexDirection: 'column',
              borderRight: '1px solid var(--mantine-color-default-border)',
            }}
          >
            <ListHeader title={viewTitle} count={items?.length} />
            <ConversationList items={items} view={view} selectedId={selectedId} now={now} onSelect={select} />
          </Box>
          <Box style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
            <ThreadPane
              threadId={selectedId}
              entry={entry}
              fallback={listed}
              agentId={agentId}
              agent={connection.agent}
              commands={threadCommands}
              now={now}
              replyRef={replyRef}
              contactPanelOpen={contactOpen}
              onToggleContactPanel={() => setContactOpen((open) => !open)}
            />
          </Box>
        </AppShell.Main>
        <AppShell.Aside>{showContact && <ContactPanel entry={open} />}</AppShell.Aside>
        <CommandPalette handlers={handlers} />
        <SettingsDialog
          opened={settingsOpen}
          onClose={settings.close}
          onSignOut={platform.kind === 'web' ? () => platform.forgetToken() : null}
          modKey={modKey}
          channels={{ load: channelStatus, credentials, now }}
          previewThreadId={selectedId}
        />
      </AppShell>
    </OrderFocusProvider>
  );
}
