import { Spotlight, spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useThreadList } from '../../data/hooks';
import { useT } from '../../i18n';
import { actionCommands, conversationCommands, filterCommands, type PaletteHandlers } from './commands';
import classes from './CommandPalette.module.css';
import { PaletteResults } from './components/PaletteResults';

export const openPalette = (): void => spotlight.open();

/** Mounted only while the palette is open (inside Spotlight's modal), so its queries cost nothing otherwise. */
function PaletteBody({ query, handlers }: { query: string; handlers: PaletteHandlers }) {
  const t = useT();
  const open = useThreadList('all');
  const resolved = useThreadList('resolved');
  const commands = useMemo(
    () => [
      ...actionCommands(t, handlers),
      ...conversationCommands(t, [...(open ?? []), ...(resolved ?? [])], handlers.onOpenConversation),
    ],
    [t, handlers, open, resolved],
  );
  const shown = useMemo(() => filterCommands(commands, query), [commands, query]);
  return <PaletteResults commands={shown} />;
}

/** Ctrl/Cmd+K: go to a view, act on the open conversation, or jump to a customer by name. */
export function CommandPalette({ handlers }: { handlers: PaletteHandlers }) {
  const t = useT();
  const [query, setQuery] = useState('');
  return (
    <Spotlight.Root
      query={query}
      onQueryChange={setQuery}
      shortcut={['mod + K']}
      // Ctrl+K must work from the reply box too: it is a chord, it cannot be mistaken for typing.
      tagsToIgnore={[]}
      scrollable
      maxHeight={440}
    >
      <Spotlight.Search
        placeholder={t('palette.placeholder')}
        aria-label={t('palette.placeholder')}
        leftSection={<IconSearch size={18} stroke={1.6} />}
      />
      <Spotlight.ActionsList className={classes.actions}>
        <PaletteBody query={query} handlers={handlers} />
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
