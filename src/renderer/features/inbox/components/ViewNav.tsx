import { Badge, Box, ColorSwatch, NavLink, Stack, Text } from '@mantine/core';
import { IconBan, IconCircleCheck, IconInbox, IconUser, IconUserOff, type Icon } from '@tabler/icons-react';
import type { Label } from '../../../../core';
import { useT } from '../../../i18n';
import { INBOX_VIEWS, labelView, type BaseView, type InboxView, type StandardView } from '../model';

const ICONS: Record<StandardView, Icon> = {
  all: IconInbox,
  mine: IconUser,
  unassigned: IconUserOff,
  resolved: IconCircleCheck,
  spam: IconBan,
};

export interface ViewNavProps {
  view: InboxView;
  counts: Record<BaseView, number> | undefined;
  /** Live labels (deleted ones left out), in the order to list them. */
  labels?: readonly Label[];
  /** Open, non-spam conversations per label id; a label absent from it has none. */
  labelCounts?: Readonly<Record<string, number>> | undefined;
  onChange(view: InboxView): void;
}

const navLinkStyles = { root: { borderRadius: 'var(--mantine-radius-md)' } };

function CountBadge({ count, active }: { count: number | undefined; active: boolean }) {
  if (count === undefined) return null;
  return (
    <Badge size="sm" variant={active ? 'filled' : 'default'} radius="sm" aria-hidden>
      {count}
    </Badge>
  );
}

export function ViewNav({ view, counts, labels = [], labelCounts, onChange }: ViewNavProps) {
  const t = useT();
  const standard: StandardView[] = [...INBOX_VIEWS, 'spam'];
  return (
    <Stack gap="sm">
      <Stack component="nav" aria-label={t('nav.views')} gap={2}>
        {standard.map((v) => {
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
              rightSection={<CountBadge count={v === 'spam' || !counts ? undefined : counts[v]} active={active} />}
              onClick={() => onChange(v)}
              styles={navLinkStyles}
            />
          );
        })}
      </Stack>
      {labels.length > 0 && (
        <Box component="nav" aria-labelledby="nav-labels-title">
          <Text id="nav-labels-title" size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pb={4}>
            {t('inbox.labels.title')}
          </Text>
          <Stack gap={2}>
            {labels.map((label) => {
              const v = labelView(label.id);
              const active = v === view;
              const count = labelCounts ? (labelCounts[label.id] ?? 0) : undefined;
              return (
                <NavLink
                  key={label.id}
                  component="button"
                  type="button"
                  label={<bdi>{label.name}</bdi>}
                  title={label.name}
                  active={active}
                  aria-current={active ? 'page' : undefined}
                  variant="light"
                  data-label-id={label.id}
                  leftSection={
                    <ColorSwatch
                      component="span"
                      size={10}
                      color={`var(--mantine-color-${label.color}-6)`}
                      withShadow={false}
                      aria-hidden
                    />
                  }
                  rightSection={<CountBadge count={count} active={active} />}
                  onClick={() => onChange(v)}
                  styles={{
                    ...navLinkStyles,
                    label: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
                  }}
                />
              );
            })}
          </Stack>
        </Box>
      )}
    </Stack>
  );
}
