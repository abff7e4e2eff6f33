import { ThemeIcon } from '@mantine/core';
import { IconBrandInstagram, IconBrandMessenger, IconBrandWhatsapp, type Icon } from '@tabler/icons-react';
import type { Channel } from '../../../../core';
import { useT } from '../../../i18n';
import { CHANNEL_COLORS } from '../../../theme/theme';

const ICONS: Record<Channel, Icon> = {
  whatsapp: IconBrandWhatsapp,
  messenger: IconBrandMessenger,
  instagram: IconBrandInstagram,
};

export interface ChannelIconProps {
  channel: Channel;
  /** Pixel size of the glyph; the tinted square around it is a little larger. */
  size?: number;
}

/** The customer's messaging app as a small tinted glyph, named for screen readers ("WhatsApp"). */
export function ChannelIcon({ channel, size = 14 }: ChannelIconProps) {
  const t = useT();
  const Glyph = ICONS[channel];
  const label = t(`channel.${channel}`);
  return (
    <ThemeIcon
      component="span"
      role="img"
      aria-label={label}
      title={label}
      variant="light"
      color={CHANNEL_COLORS[channel]}
      size={size + 6}
      radius="sm"
      style={{ flex: 'none' }}
    >
      <Glyph size={size} stroke={1.75} aria-hidden />
    </ThemeIcon>
  );
}
