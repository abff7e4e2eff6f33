import { Badge, NavLink, Stack } from '@mantine/core';
import { IconCircleCheck, IconInbox, IconUser, IconUserOff, type Icon } from '@tabler/icons-react';
import { useT } from '../../../i18n';
import { INBOX_VIEWS, type InboxView } from '../model';

const ICONS: Record<InboxView, Icon> = {
  all: IconInbox,
  mine: IconUser,
  unassigned: IconUserOff,
  resolved: IconCircleCheck,
};

export interface ViewNavProps {
  view: InboxView;
  counts: Record<InboxView, number> | undefined;
  onChange(view: InboxView): void;
}

export function ViewNav({ view, counts, onChange }: ViewNavProps) {
  const t = useT();
  return (
    <Stack component="nav" aria-label={t('nav.views')} gap={2}>
      {INBOX_VIEWS.map((v) => {
        const Glyph = ICONS[v];
        const active = v === view;
        return (
          <NavLink
            key={v}
            component="button"
            type="button"
            label={t(`view.${v}`)}
            active={active}
            aria-current={active ? 'page' : undefined}
            variant="light"
            leftSection={<Glyph size={16} stroke={1.75} aria-hidden />}
            rightSection={
              counts ? (
                <Badge size="sm" variant={active ? 'filled' : 'default'} radius="sm" aria-hidden>
                  {counts[v]}
                </Badge>
              ) : null
            }
            onClick={() => onChange(v)}
            styles={{ root: { borderRadius: 'var(--mantine-radius-md)' } }}
          />
        );
      })}
    </Stack>
  );
}
