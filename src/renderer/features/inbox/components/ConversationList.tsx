import { Center, EmptyState, Skeleton, Stack } from '@mantine/core';
import { IconInboxOff } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import { useT } from '../../../i18n';
import { labelIdOf, type ConversationSummary, type InboxView, type StandardView } from '../model';
import classes from './ConversationList.module.css';
import { ConversationRow, ROW_HEIGHT, rowHeight } from './ConversationRow';

export interface ConversationListProps {
  /** `undefined` while the local database answers the first time. */
  items: ConversationSummary[] | undefined;
  view: InboxView;
  selectedId: string | null;
  now: number;
  onSelect(threadId: string): void;
}

const rowId = (threadId: string) => `conversation-${threadId}`;

/**
 * The conversations of one view, virtualized so 10,000 rows cost what 20 do. One listbox with the selection as
 * its active descendant: arrow keys, Home and End move through it, a click selects.
 */
export function ConversationList({ items, view, selectedId, now, onSelect }: ConversationListProps) {
  const t = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = items?.length ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => rowHeight(items?.[index]),
    overscan: 8,
    getItemKey: (index) => items?.[index]?.thread.id ?? index,
  });

  useEffect(() => {
    // A row's height depends on its labels: forget the cached sizes when the rows change.
    virtualizer.measure();
  }, [items, virtualizer]);

  const selectedIndex = items && selectedId ? items.findIndex((i) => i.thread.id === selectedId) : -1;

  useEffect(() => {
    // Keep the selection in sight when J/K or a notification moves it.
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (!items || items.length === 0) return;
      const last = items.length - 1;
      let target: number | null = null;
      if (event.key === 'ArrowDown') target = selectedIndex < 0 ? 0 : Math.min(last, selectedIndex + 1);
      else if (event.key === 'ArrowUp') target = selectedIndex < 0 ? 0 : Math.max(0, selectedIndex - 1);
      else if (event.key === 'Home') target = 0;
      else if (event.key === 'End') target = last;
      else if (event.key === 'PageDown' || event.key === 'PageUp') {
        const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
        const from = Math.max(0, selectedIndex);
        target = event.key === 'PageDown' ? Math.min(last, from + page) : Math.max(0, from - page);
      }
      if (target === null) return;
      event.preventDefault();
      const item = items[target];
      if (item) onSelect(item.thread.id);
    },
    [items, selectedIndex, onSelect],
  );

  if (items === undefined) {
    return (
      <Stack gap={0} p="sm" aria-busy="true" aria-label={t('list.label')}>
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} h={ROW_HEIGHT - 16} my={8} radius="md" />
        ))}
      </Stack>
    );
  }

  if (items.length === 0) {
    return (
      <Center flex={1} p="xl" role="region" aria-label={t('list.label')}>
        <EmptyState
          size="sm"
          icon={<IconInboxOff size={28} stroke={1.5} />}
          withIndicatorBackground
          title={
            labelIdOf(view) !== null ? t('inbox.labels.empty.title') : t(`list.empty.${view as StandardView}.title`)
          }
          description={
            labelIdOf(view) !== null
              ? t('inbox.labels.empty.description')
              : t(`list.empty.${view as StandardView}.description`)
          }
        />
      </Center>
    );
  }

  const activeId = selectedIndex >= 0 && selectedId ? rowId(selectedId) : undefined;
  return (
    <div
      ref={scrollRef}
      role="listbox"
      aria-label={t('list.label')}
      aria-activedescendant={activeId}
      tabIndex={0}
      className={classes.list}
      onKeyDown={onKeyDown}
    >
      <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index];
          if (!item) return null;
          return (
            <ConversationRow
              key={row.key}
              id={rowId(item.thread.id)}
              item={item}
              index={row.index}
              total={items.length}
              top={row.start}
              selected={item.thread.id === selectedId}
              now={now}
              onSelect={onSelect}
            />
          );
        })}
      </div>
    </div>
  );
}
