import { Badge } from '@mantine/core';
import { Spotlight } from '@mantine/spotlight';
import { useT } from '../../../i18n';
import type { CommandGroup, PaletteCommand } from '../commands';

// One line per result: a long last message must not push the palette wider or taller.
const ACTION_STYLES = {
  actionBody: { minWidth: 0, flex: 1 },
  actionLabel: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  actionDescription: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
} as const;

const GROUPS: CommandGroup[] = ['conversations', 'actions', 'views'];

export interface PaletteResultsProps {
  commands: readonly PaletteCommand[];
}

/** The filtered commands, grouped; Spotlight handles arrow keys, Enter and closing. */
export function PaletteResults({ commands }: PaletteResultsProps) {
  const t = useT();
  if (commands.length === 0) return <Spotlight.Empty>{t('palette.nothingFound')}</Spotlight.Empty>;
  return (
    <>
      {GROUPS.map((group) => {
        const inGroup = commands.filter((c) => c.group === group);
        if (inGroup.length === 0) return null;
        return (
          <Spotlight.ActionsGroup key={group} label={t(`palette.group.${group}`)}>
            {inGroup.map((command) => {
              const Glyph = command.icon;
              return (
                <Spotlight.Action
                  key={command.id}
                  label={command.label}
                  description={command.description}
                  leftSection={<Glyph size={18} stroke={1.6} aria-hidden />}
                  rightSection={
                    command.tag ? (
                      <Badge size="xs" variant="light" color="gray">
                        {command.tag}
                      </Badge>
                    ) : undefined
                  }
                  onClick={command.run}
                  styles={ACTION_STYLES}
                />
              );
            })}
          </Spotlight.ActionsGroup>
        );
      })}
    </>
  );
}
