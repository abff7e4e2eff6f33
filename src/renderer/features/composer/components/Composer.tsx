import { Box, Button, Group, Text, Textarea } from '@mantine/core';
import { useId, useMergedRef } from '@mantine/hooks';
import { IconBolt, IconSend } from '@tabler/icons-react';
import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
} from 'react';
import {
  blanksIn,
  MAX_MESSAGE_LENGTH,
  type Locale,
  type QuickReply,
  type CatalogProduct,
  type QuickReplySearch,
  type TemplateAttachment,
  type TemplateValues,
} from '../../../../core';
import { useT } from '../../../i18n';
import { nextBlank, renderReply, slashQueryAt, variantFor, type SlashQuery } from '../quickReplies';
import type { CatalogClient } from '../../../data/catalog';
import { AttachmentChips } from './AttachmentChips';
import { CatalogPicker } from './CatalogPicker';
import classes from './Composer.module.css';
import { optionId, QuickReplyPicker } from './QuickReplyPicker';

/** What the reply box needs to offer quick replies in a conversation. */
export interface QuickReplyKit {
  search: QuickReplySearch;
  /** The conversation's language, from its customer's messages. */
  locale: Locale;
  /** What `{{…}}` fills from for a reply written in `locale`, with what is known now. */
  valuesFor(locale: Locale): TemplateValues;
  /**
   * The picker opened or a reply is about to be inserted: fetches what is not known yet (the customer's latest
   * order) and resolves with the values as complete as they get.
   */
  prepare(): Promise<(locale: Locale) => TemplateValues>;
  /** Up to three replies predicted from the last customer message. */
  suggestions: readonly QuickReply[];
}

/** What a sent reply was made from. */
export interface SendMeta {
  quickReplyId?: string;
  /** Template-library files the inserted reply carries (the agent may have removed some). */
  attachments?: string[];
}

export interface ComposerProps {
  /** Called with the text as typed (not trimmed inside: line breaks and indentation are the agent's). */
  onSend(text: string, meta?: SendMeta): void;
  /** Shown under the box, e.g. "You are offline: replies are queued...". */
  hint?: string | null;
  defaultValue?: string;
  /** Keeps a draft per conversation in the container. */
  onDraftChange?(text: string): void;
  inputRef?: Ref<HTMLTextAreaElement>;
  /** Above the box: the reply window's time left, the quoted message. */
  top?: ReactNode;
  /** The channel accepts no reply now; `hint` says why. */
  disabled?: boolean;
  /** Each new value puts the keyboard in the box (the agent chose "Reply" on a message). */
  focusKey?: string | null;
  /** `/` opens the quick replies' picker, suggestions show above the box; absent where there are none. */
  quickReplies?: QuickReplyKit | null;
  /** A button next to Send opens the shop's catalogue; absent where products cannot be sent. */
  catalog?: { client: CatalogClient; locale: Locale; onSend(product: CatalogProduct): void } | null;
}

const PICKER_SIZE = 8;

/** Counter appears near the limit the gateway enforces, so a long paste is not refused by surprise. */
const COUNTER_FROM = MAX_MESSAGE_LENGTH - 2000;

/** The reply box: Enter sends, Shift+Enter starts a new line; works the same offline (the reply is queued). */
export function Composer(props: ComposerProps) {
  const { onSend, hint, defaultValue = '', onDraftChange, inputRef, top, disabled = false, focusKey = null } = props;
  const kit = props.quickReplies ?? null;
  const t = useT();
  const [text, setText] = useState(defaultValue);
  const sendable = !disabled && text.trim().length > 0 && text.length <= MAX_MESSAGE_LENGTH;
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const ref = useMergedRef(ownRef, inputRef);
  const listId = useId();
  const blanksId = useId();

  // Quick replies: the `/query` being typed, the picker's state, and the reply the text was made from.
  const [slash, setSlash] = useState<SlashQuery | null>(null);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [chosenLocale, setChosenLocale] = useState<Locale | null>(null);
  const [quickReplyId, setQuickReplyId] = useState<string | null>(null);
  const [attachments, setAttachments] = useState<readonly TemplateAttachment[]>([]);
  const [confirming, setConfirming] = useState(false);
  const selection = useRef<[number, number] | null>(null);
  const textRef = useRef(text);
  textRef.current = text;
  const kitRef = useRef(kit);
  kitRef.current = kit;

  const pickerOpen = kit !== null && !disabled && slash !== null && slash.start !== dismissed;
  const locale = chosenLocale ?? kit?.locale ?? 'en';
  const query = pickerOpen ? slash.query : '';
  const options = useMemo(
    () => (pickerOpen && kit ? kit.search.search(query, PICKER_SIZE) : []),
    [pickerOpen, kit, query],
  );
  const blanks = useMemo(() => (kit ? blanksIn(text) : []), [kit, text]);

  useEffect(() => {
    if (focusKey) ownRef.current?.focus();
  }, [focusKey]);

  // The order is asked for when the picker opens, so previews and the insertion have it.
  useEffect(() => {
    if (pickerOpen) void kitRef.current?.prepare().catch(() => undefined);
  }, [pickerOpen]);

  // A caret or a selection chosen with the text (an insertion, the next blank) is applied once it is rendered.
  useLayoutEffect(() => {
    const wanted = selection.current;
    if (!wanted || !ownRef.current) return;
    selection.current = null;
    ownRef.current.focus();
    ownRef.current.setSelectionRange(wanted[0], wanted[1]);
  }, [text]);

  // Mantine's input owns `aria-describedby` (for its own description and error): the blanks' line is named here.
  const hasBlanks = blanks.length > 0;
  useLayoutEffect(() => {
    const el = ownRef.current;
    if (!el) return;
    if (hasBlanks) el.setAttribute('aria-describedby', blanksId);
    else if (el.getAttribute('aria-describedby') === blanksId) el.removeAttribute('aria-describedby');
  }, [hasBlanks, blanksId]);

  const refreshSlash = (value: string, caret: number | null) => {
    const found = caret === null ? null : slashQueryAt(value, caret);
    if (found?.query !== slash?.query || found?.start !== slash?.start) setActive(0);
    setSlash(found);
    if (!found || found.start !== dismissed) setDismissed(null);
  };

  const update = (next: string, caret: number | null = null) => {
    setText(next);
    onDraftChange?.(next);
    setConfirming(false);
    if (next.trim() === '') {
      setQuickReplyId(null);
      setAttachments([]);
    }
    refreshSlash(next, caret);
  };

  /** Replaces [start, end) of the text with `reply` rendered in the picker's language. */
  const insert = async (reply: QuickReply, start: number, end: number) => {
    const current = kitRef.current;
    if (!current) return;
    const typed = textRef.current.slice(start, end);
    const valuesFor = await current.prepare().catch(() => current.valuesFor);
    const language = variantFor(reply, locale)?.language ?? locale;
    const rendered = renderReply(reply, language, valuesFor(language));
    let value = textRef.current;
    // The agent typed on while the order was being fetched: insert where the caret is now.
    if (value.slice(start, end) !== typed) {
      start = ownRef.current?.selectionStart ?? value.length;
      end = ownRef.current?.selectionEnd ?? start;
    }
    value = value.slice(0, start) + rendered.text + value.slice(end);
    selection.current = [start + rendered.text.length, start + rendered.text.length];
    setQuickReplyId(reply.id);
    setAttachments(reply.attachments);
    setSlash(null);
    setText(value);
    onDraftChange?.(value);
    setConfirming(false);
  };

  const pick = (reply: QuickReply) => {
    if (!slash) return;
    // Closed at once: a second Enter while the order is being fetched inserts nothing twice.
    setSlash(null);
    void insert(reply, slash.start, slash.start + 1 + slash.query.length);
  };

  const send = (force = false) => {
    if (!sendable) return;
    if (!force && blanks.length > 0) {
      setConfirming(true);
      return;
    }
    if (quickReplyId) {
      onSend(text, {
        quickReplyId,
        ...(attachments.length > 0 ? { attachments: attachments.map((a) => a.id) } : {}),
      });
    } else onSend(text);
    setQuickReplyId(null);
    setAttachments([]);
    setConfirming(false);
    update('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // While an input method composes (Japanese, Chinese...), Enter confirms the composition, not the message,
    // and Escape cancels it.
    if (event.nativeEvent.isComposing) return;
    if (pickerOpen) {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setDismissed(slash.start);
        return;
      }
      if (options.length > 0) {
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault();
          const step = event.key === 'ArrowDown' ? 1 : -1;
          setActive((i) => (i + step + options.length) % options.length);
          return;
        }
        if ((event.key === 'Enter' && !event.shiftKey) || (event.key === 'Tab' && !event.shiftKey)) {
          event.preventDefault();
          const reply = options[Math.min(active, options.length - 1)];
          if (reply) pick(reply);
          return;
        }
      }
    }
    // Tab walks through the blanks a quick reply left, while there are some.
    if (event.key === 'Tab' && !event.shiftKey && blanks.length > 0) {
      const blank = nextBlank(text, event.currentTarget.selectionEnd);
      if (blank) {
        event.preventDefault();
        event.currentTarget.setSelectionRange(blank.start, blank.end);
        return;
      }
    }
    // Escape hands the keyboard back to the inbox (J/K/E), the way R handed it to the reply box.
    if (event.key === 'Escape') {
      event.currentTarget.blur();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey) return;
    event.preventDefault();
    send();
  };

  const suggestions = kit && !disabled && !pickerOpen && text.trim() === '' ? kit.suggestions : [];

  return (
    <Box
      component="form"
      px="md"
      pt="sm"
      pb="md"
      className={classes.form}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {top}
      {suggestions.length > 0 && (
        <Group gap={6} mb={6} role="group" aria-label={t('replies.suggested')} wrap="wrap">
          <IconBolt size={14} aria-hidden style={{ color: 'var(--mantine-color-dimmed)' }} />
          {suggestions.map((reply) => (
            <Button
              key={reply.id}
              size="compact-xs"
              variant="light"
              radius="xl"
              onClick={() => {
                const el = ownRef.current;
                void insert(reply, el?.selectionStart ?? text.length, el?.selectionEnd ?? text.length);
              }}
            >
              {reply.title}
            </Button>
          ))}
        </Group>
      )}
      {pickerOpen && kit && (
        <QuickReplyPicker
          id={listId}
          query={query}
          options={options}
          active={active}
          locale={locale}
          onLocaleChange={setChosenLocale}
          valuesFor={kit.valuesFor}
          onPick={pick}
          onActive={setActive}
        />
      )}
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <Textarea
          ref={ref}
          disabled={disabled}
          aria-label={t('composer.label')}
          aria-controls={pickerOpen ? listId : undefined}
          aria-autocomplete={kit ? 'list' : undefined}
          aria-activedescendant={pickerOpen && options.length > 0 ? optionId(listId, active) : undefined}
          placeholder={disabled ? t('composer.disabled') : t('composer.placeholder')}
          autosize
          minRows={2}
          maxRows={10}
          value={text}
          onChange={(e) => update(e.currentTarget.value, e.currentTarget.selectionStart)}
          onSelect={(e) => {
            if (kit) refreshSlash(e.currentTarget.value, e.currentTarget.selectionStart);
          }}
          onBlur={() => setSlash(null)}
          onKeyDown={onKeyDown}
          style={{ flex: 1 }}
          styles={{ input: { overflowWrap: 'anywhere' } }}
          dir="auto"
          error={text.length > MAX_MESSAGE_LENGTH}
        />
        {props.catalog && (
          <CatalogPicker
            client={props.catalog.client}
            locale={props.catalog.locale}
            disabled={disabled}
            onSend={props.catalog.onSend}
          />
        )}
        <Button type="submit" size="sm" h={36} rightSection={<IconSend size={16} />} disabled={!sendable}>
          {t('composer.send')}
        </Button>
      </Group>
      {attachments.length > 0 && (
        <AttachmentChips
          attachments={attachments}
          onRemove={(id) => setAttachments((list) => list.filter((a) => a.id !== id))}
        />
      )}
      {blanks.length > 0 && (
        <Group gap={4} mt={6} id={blanksId} className={classes.blanks} data-blanks aria-live="polite">
          <Text size="xs" inherit>
            {t('replies.blanks', { count: blanks.length })}
          </Text>
          {blanks.map((b, i) => (
            <span key={`${b.start}-${i}`} className={classes.blank}>
              {b.name}
            </span>
          ))}
          <Text size="xs" c="dimmed">
            {t('replies.blanksHelp')}
          </Text>
        </Group>
      )}
      {confirming && blanks.length > 0 && (
        <Group
          gap="xs"
          mt={6}
          justify="space-between"
          role="alertdialog"
          aria-label={t('replies.confirmTitle', { count: blanks.length })}
        >
          <Text size="sm" fw={600}>
            {t('replies.confirmTitle', { count: blanks.length })}
          </Text>
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
              {t('replies.keepEditing')}
            </Button>
            <Button size="xs" color="orange" autoFocus onClick={() => send(true)}>
              {t('replies.sendAnyway')}
            </Button>
          </Group>
        </Group>
      )}
      {(hint || text.length > COUNTER_FROM) && (
        <Group justify="space-between" mt={6} gap="xs">
          <Text size="xs" c="dimmed" role={disabled ? 'status' : undefined}>
            {hint}
          </Text>
          {text.length > COUNTER_FROM && (
            <Text size="xs" c={text.length > MAX_MESSAGE_LENGTH ? 'red' : 'dimmed'}>
              {text.length.toLocaleString()} / {MAX_MESSAGE_LENGTH.toLocaleString()}
            </Text>
          )}
        </Group>
      )}
    </Box>
  );
}
