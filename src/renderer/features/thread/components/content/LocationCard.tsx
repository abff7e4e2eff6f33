import { Anchor } from '@mantine/core';
import { IconExternalLink, IconMapPin } from '@tabler/icons-react';
import type { MessageContent } from '../../../../../core';
import { useI18n } from '../../../../i18n';
import { isExternalLink } from '../../../../platform/links';
import { useBubbleEnvironment } from '../../bubbleEnvironment';
import classes from './Content.module.css';

export type LocationValue = Extract<MessageContent, { kind: 'location' }>;

/** OpenStreetMap needs no account or key, and the coordinates are all it is told. */
export function mapLink(latitude: number, longitude: number): string {
  return `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`;
}

export function LocationCard({ content }: { content: LocationValue }) {
  const { t } = useI18n();
  const { openExternal } = useBubbleEnvironment();
  const { latitude, longitude } = content;
  const valid =
    Number.isFinite(latitude) && Number.isFinite(longitude) && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180;
  // Coordinates read the way maps and GPS write them, whatever the UI language: "45,76404, 4,83566" in French
  // would be ambiguous.
  const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6, useGrouping: false });
  const url = valid ? mapLink(latitude, longitude) : null;
  return (
    <div className={classes.card} data-content="location">
      <div className={classes.cardTitle}>
        <IconMapPin size={14} aria-hidden />
        {t('message.location.title')}
      </div>
      {content.name && (
        <div className={classes.name} dir="auto">
          {content.name}
        </div>
      )}
      {content.address && (
        <div className={classes.detail} dir="auto">
          {content.address}
        </div>
      )}
      <div className={classes.detail}>
        {number.format(latitude)}, {number.format(longitude)}
      </div>
      {url && isExternalLink(url) && (
        <Anchor
          href={url}
          target="_blank"
          rel="noopener noreferrer"
          size="sm"
          fw={600}
          mt={4}
          style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
          onClick={(event) => {
            // Never a navigation of the app's own window: the platform opens it in the user's browser.
            event.preventDefault();
            openExternal(url);
          }}
        >
          {t('message.location.open')}
          <IconExternalLink size={14} aria-hidden />
        </Anchor>
      )}
    </div>
  );
}
