import { Button, CopyButton, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconCheck, IconCopy, IconDownload } from '@tabler/icons-react';
import QRCode from 'qrcode';
import { useEffect, useMemo, useState } from 'react';
import { z } from 'zod';
import { embedSnippet, waMeLink } from '../../../../core';
import { useI18n } from '../../../i18n';

/** The business's number and pre-filled message: public on every QR code, so localStorage is the right place. */
const STORAGE_KEY = 'comptoir.clickToChat';
const StoredSchema = z.object({ phone: z.string().max(100), message: z.string().max(5000) });
type Stored = z.infer<typeof StoredSchema>;
const EMPTY: Stored = { phone: '', message: '' };

function readStored(raw: string | undefined): Stored {
  try {
    const parsed = StoredSchema.safeParse(JSON.parse(raw ?? 'null'));
    return parsed.success ? parsed.data : EMPTY;
  } catch {
    return EMPTY;
  }
}

/** `FR` from `fr-FR`: what a number typed without its country code is read as. */
function regionOf(locale: string | undefined): string | undefined {
  try {
    return locale ? new Intl.Locale(locale).maximize().region : undefined;
  } catch {
    return undefined;
  }
}

function regionName(region: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(region) ?? region;
  } catch {
    return region;
  }
}

const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;
/** The downloaded PNG is for print: 1024 px keeps the modules sharp on a poster or a receipt. */
const PNG_WIDTH = 1024;

type Qr = { ok: true; size: number; dark: Array<[number, number]> } | { ok: false };

function qrOf(url: string): Qr {
  try {
    const { modules } = QRCode.create(url, QR_OPTIONS);
    const dark: Array<[number, number]> = [];
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) dark.push([col, row]);
    }
    return { ok: true, size: modules.size, dark };
  } catch {
    // More data than a QR code holds (about 2 kB at level M): the message is too long.
    return { ok: false };
  }
}

/**
 * The QR code drawn as SVG squares: sharp at any size, no canvas, nothing for the CSP to allow. Always black on
 * white (with its quiet zone), as scanners expect, whatever the colour scheme.
 */
function QrSvg({ qr, label }: { qr: Extract<Qr, { ok: true }>; label: string }) {
  const side = qr.size + 2 * QR_OPTIONS.margin;
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${side} ${side}`}
      width={200}
      height={200}
      shapeRendering="crispEdges"
      data-modules={qr.size}
      style={{ display: 'block', borderRadius: 4 }}
    >
      <rect width={side} height={side} fill="#fff" data-background="" />
      {qr.dark.map(([x, y]) => (
        <rect key={`${x},${y}`} x={x + QR_OPTIONS.margin} y={y + QR_OPTIONS.margin} width={1} height={1} fill="#000" />
      ))}
    </svg>
  );
}

/** The PNG for the download link, drawn by qrcode on a canvas; null until ready or where there is no canvas. */
function usePngDataUrl(url: string | null): string | null {
  const [png, setPng] = useState<{ url: string; data: string } | null>(null);
  useEffect(() => {
    if (!url) return;
    let current = true;
    QRCode.toDataURL(url, { ...QR_OPTIONS, width: PNG_WIDTH, type: 'image/png' }).then(
      (data) => current && setPng({ url, data }),
      () => current && setPng(null),
    );
    return () => {
      current = false;
    };
  }, [url]);
  return png && png.url === url ? png.data : null;
}

function CopyTextButton({ value, label }: { value: string; label: string }) {
  const { t } = useI18n();
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button
          size="xs"
          variant="light"
          color={copied ? 'teal' : undefined}
          leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
          aria-label={label}
          onClick={copy}
        >
          {copied ? t('clickToChat.copied') : t('clickToChat.copy')}
        </Button>
      )}
    </CopyButton>
  );
}

export interface ClickToChatSectionProps {
  /** What a number typed without `+` is read as (ISO 3166-1 alpha-2); the system locale's region by default. */
  defaultCountry?: string;
}

/**
 * Settings → Click to chat: the shop's wa.me link and its QR code, to print or put on the website, with an
 * optional message the customer finds ready to send.
 */
export function ClickToChatSection({ defaultCountry }: ClickToChatSectionProps) {
  const { t, language } = useI18n();
  const [stored, setStored] = useLocalStorage<Stored>({
    key: STORAGE_KEY,
    defaultValue: EMPTY,
    getInitialValueInEffect: false,
    deserialize: readStored,
  });
  const country = defaultCountry ?? regionOf(typeof navigator === 'undefined' ? undefined : navigator.language);
  const link = waMeLink(stored.phone, stored.message, country);
  const url = link.ok ? link.url : null;
  const qr = useMemo(() => (url ? qrOf(url) : null), [url]);
  const png = usePngDataUrl(qr?.ok ? url : null);
  const numberError = !link.ok && link.reason === 'invalid-number' ? t('clickToChat.invalidNumber') : null;

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('clickToChat.intro')}
      </Text>
      <TextInput
        label={t('clickToChat.number')}
        placeholder="+33 6 12 34 56 78"
        description={
          country
            ? t('clickToChat.numberHelpCountry', { country: regionName(country, language) })
            : t('clickToChat.numberHelp')
        }
        inputMode="tel"
        autoComplete="tel"
        maxLength={100}
        value={stored.phone}
        error={numberError}
        onChange={(e) => {
          const phone = e.currentTarget.value;
          setStored((s) => ({ ...s, phone }));
        }}
      />
      <Textarea
        label={t('clickToChat.message')}
        description={t('clickToChat.messageHelp')}
        placeholder={t('clickToChat.messagePlaceholder')}
        autosize
        minRows={2}
        maxRows={5}
        maxLength={1000}
        value={stored.message}
        error={qr && !qr.ok ? t('clickToChat.tooLong') : null}
        onChange={(e) => {
          const message = e.currentTarget.value;
          setStored((s) => ({ ...s, message }));
        }}
      />
      {url && qr?.ok ? (
        <Group align="flex-start" wrap="nowrap" gap="lg">
          <Stack gap="xs" align="center">
            <QrSvg qr={qr} label={t('clickToChat.qr')} />
            <Button
              component="a"
              href={png ?? undefined}
              download="whatsapp-qr.png"
              size="xs"
              variant="default"
              leftSection={<IconDownload size={14} />}
              disabled={!png}
            >
              {t('clickToChat.download')}
            </Button>
          </Stack>
          <Stack gap="md" style={{ flex: 1, minWidth: 0 }}>
            <TextInput
              label={t('clickToChat.link')}
              value={url}
              readOnly
              onFocus={(e) => e.currentTarget.select()}
              rightSectionWidth={96}
              rightSection={<CopyTextButton value={url} label={t('clickToChat.copyLink')} />}
            />
            <EmbedSnippet url={url} />
          </Stack>
        </Group>
      ) : (
        !stored.phone.trim() && (
          <Text size="sm" c="dimmed">
            {t('clickToChat.empty')}
          </Text>
        )
      )}
    </Stack>
  );
}

function EmbedSnippet({ url }: { url: string }) {
  const { t } = useI18n();
  const snippet = embedSnippet(url, t('clickToChat.embedLabel'));
  return (
    <Stack gap={6}>
      <Textarea
        label={t('clickToChat.embed')}
        description={t('clickToChat.embedHelp')}
        value={snippet}
        readOnly
        autosize
        minRows={3}
        styles={{
          input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-xs)' },
        }}
        onFocus={(e) => e.currentTarget.select()}
      />
      <Group justify="flex-end">
        <CopyTextButton value={snippet} label={t('clickToChat.copySnippet')} />
      </Group>
    </Stack>
  );
}
