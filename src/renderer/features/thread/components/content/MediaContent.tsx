import { Anchor, Button, Modal, Skeleton, Text, UnstyledButton } from '@mantine/core';
import { IconDownload, IconFileText, IconMicrophone, IconPhotoOff } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import type { MessageContent } from '../../../../../core';
import type { MediaFailure } from '../../../../data/media';
import { useT } from '../../../../i18n';
import { useBubbleEnvironment } from '../../bubbleEnvironment';
import { failureOf, useMediaUrl, useSeen } from '../../useMedia';
import classes from './Content.module.css';

export type MediaContentValue = Extract<MessageContent, { kind: 'media' }>;

interface MediaProps {
  messageId: string;
  content: MediaContentValue;
  /** The caption, for the image's alternative text. */
  caption: string;
}

function Failure({ reason, onRetry }: { reason: MediaFailure; onRetry(): void }) {
  const t = useT();
  return (
    <div className={classes.failure} role="status">
      <IconPhotoOff size={16} aria-hidden />
      <span>{t(`message.media.error.${reason}`)}</span>
      {reason !== 'not-found' && (
        <Anchor component="button" type="button" size="xs" fw={600} onClick={onRetry}>
          {t('message.media.retry')}
        </Anchor>
      )}
    </div>
  );
}

/** Images, stickers, video and audio load when their bubble scrolls into view, not with the whole thread. */
function InlineMedia({ messageId, content, caption }: MediaProps) {
  const t = useT();
  const { media } = useBubbleEnvironment();
  const box = useRef<HTMLDivElement>(null);
  const seen = useSeen(box);
  const state = useMediaUrl(media, messageId, seen);
  const [enlarged, setEnlarged] = useState(false);
  const kind = content.media;
  const label = caption.trim() || content.filename || t(`message.media.${kind}`);

  let body;
  if (state.state === 'error') body = <Failure reason={state.reason} onRetry={state.retry} />;
  else if (state.state !== 'ready') {
    body = (
      <Skeleton
        className={kind === 'sticker' ? classes.stickerPlaceholder : classes.placeholder}
        aria-label={t('message.media.loading')}
        role="img"
      />
    );
  } else if (kind === 'sticker') {
    body = <img className={classes.sticker} src={state.url} alt={t('message.media.sticker')} />;
  } else if (kind === 'image') {
    body = (
      <>
        <UnstyledButton
          className={classes.imageButton}
          aria-label={`${t('message.media.enlarge')}: ${label}`}
          onClick={() => setEnlarged(true)}
        >
          <img className={classes.image} src={state.url} alt={label} />
        </UnstyledButton>
        <Modal
          opened={enlarged}
          onClose={() => setEnlarged(false)}
          size="auto"
          centered
          title={label}
          styles={{ title: { overflowWrap: 'anywhere' } }}
        >
          <img src={state.url} alt={label} style={{ display: 'block', maxWidth: '100%', maxHeight: '78vh' }} />
        </Modal>
      </>
    );
  } else if (kind === 'video') {
    body = (
      <video className={classes.video} src={state.url} controls preload="metadata" aria-label={label}>
        <track kind="captions" />
      </video>
    );
  } else {
    body = (
      <>
        {kind === 'voice' && (
          <Text size="xs" c="dimmed" mb={2} style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
            <IconMicrophone size={14} aria-hidden />
            {t('message.media.voice')}
          </Text>
        )}
        <audio className={classes.audio} src={state.url} controls preload="metadata" aria-label={label} />
      </>
    );
  }
  return (
    <div ref={box} className={classes.media} data-media={kind}>
      {body}
    </div>
  );
}

/**
 * A document is fetched only when the agent asks for it (it can be large), then saved through a temporary
 * `<a download>` on a blob: URL: the token never appears in a link, and the file keeps its own name.
 */
function DocumentCard({ messageId, content }: MediaProps) {
  const t = useT();
  const { media } = useBubbleEnvironment();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<MediaFailure | null>(null);
  const name = content.filename?.trim() || t('message.media.document');

  const download = async () => {
    if (!media) {
      setFailure('offline');
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const blob = await media.load(messageId);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.rel = 'noopener';
      document.body.append(link);
      link.click();
      link.remove();
      // The download has started by then; the URL only has to live that long.
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
    } catch (error) {
      setFailure(failureOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={classes.card} data-media="document">
      <div className={classes.document}>
        <IconFileText size={28} stroke={1.5} aria-hidden style={{ flex: 'none' }} />
        <div className={classes.documentText}>
          <div className={classes.name} dir="auto" title={name}>
            {name}
          </div>
          {content.mimeType && <div className={classes.detail}>{content.mimeType}</div>}
        </div>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconDownload size={14} />}
          loading={busy}
          aria-label={t('message.document.downloadName', { name })}
          onClick={() => void download()}
        >
          {t('message.document.download')}
        </Button>
      </div>
      {failure && (
        <Text size="xs" c="red" mt={6} role="status">
          {t(`message.media.error.${failure}`)}
        </Text>
      )}
    </div>
  );
}

export function MediaContent(props: MediaProps) {
  return props.content.media === 'document' ? <DocumentCard {...props} /> : <InlineMedia {...props} />;
}
