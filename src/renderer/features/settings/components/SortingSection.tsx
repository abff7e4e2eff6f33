import { Loading, LoadFailed } from './LoadStatus';
import { Button, Group, NumberInput, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { OpeningSchema, SortingSettingsSchema, type SortingSettings } from '../../../../core';
import { useSortingActions, type SortingActions, type SortingOverview } from '../../../data/sorting';
import { useI18n } from '../../../i18n';
import classes from './Settings.module.css';

/** Monday first, as shops in both languages read their week; `days[0]` is Sunday in the schedule. */
const WEEK = [1, 2, 3, 4, 5, 6, 0];
const DEFAULT_OPENING = { open: '09:00', close: '18:00' };

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.trim() !== '';
  } catch {
    return false;
  }
}

const percent = (ratio: number) => Math.round(ratio * 100);

type Load = { state: 'loading' } | { state: 'error'; error: string } | { state: 'ready'; overview: SortingOverview };

/** The classifier's switch and thresholds, urgency detection, business hours, and what the model has learned. */
export function SortingSection() {
  const actions = useSortingActions();
  const { t } = useI18n();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [tries, setTries] = useState(0);

  useEffect(() => {
    let live = true;
    actions
      .sortingSettings()
      .then((result) => {
        if (!live) return;
        setLoad(result.ok ? { state: 'ready', overview: result.value } : { state: 'error', error: result.error });
      })
      .catch((error: unknown) => {
        if (live) setLoad({ state: 'error', error: String(error) });
      });
    return () => {
      live = false;
    };
  }, [actions, tries]);

  const retry = useCallback(() => {
    setLoad({ state: 'loading' });
    setTries((n) => n + 1);
  }, []);

  return (
    <Stack gap={6} component="section" aria-labelledby="settings-sorting" aria-busy={load.state === 'loading'}>
      <Text size="sm" fw={600} id="settings-sorting">
        {t('sorting.title')}
      </Text>
      {load.state === 'loading' && <Loading text={t('sorting.loading')} />}
      {load.state === 'error' && (
        <LoadFailed
          title={t('sorting.loadFailed')}
          error={load.error}
          retry={{ label: t('sorting.retry'), onRetry: retry }}
        />
      )}
      {load.state === 'ready' && <SortingForm overview={load.overview} actions={actions} />}
    </Stack>
  );
}

function SortingForm({ overview, actions }: { overview: SortingOverview; actions: SortingActions }) {
  const { t, time, language } = useI18n();
  const [settings, setSettings] = useState<SortingSettings>(overview.settings);
  // The thresholds as typed, in %: an empty field is kept as such until it is filled again.
  const [autoApply, setAutoApply] = useState<number | string>(percent(overview.settings.autoApply));
  const [suggest, setSuggest] = useState<number | string>(percent(overview.settings.suggest));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: true } | { ok: false; error: string } | null>(null);
  const weekday = useMemo(() => new Intl.DateTimeFormat(language, { weekday: 'long' }), [language]);
  // 5 January 2025 was a Sunday: day i of the schedule is 5 + i January.
  const dayName = (day: number) => weekday.format(new Date(2025, 0, 5 + day));

  const inRange = (value: number | string) => typeof value === 'number' && value >= 5 && value <= 100;
  const autoError = inRange(autoApply) ? null : t('sorting.thresholdRange');
  const suggestError = !inRange(suggest)
    ? t('sorting.thresholdRange')
    : inRange(autoApply) && Number(suggest) > Number(autoApply)
      ? t('sorting.thresholdOrder')
      : null;
  const zoneError = isTimeZone(settings.businessHours.timeZone) ? null : t('sorting.timeZoneInvalid');
  const draft: SortingSettings = {
    ...settings,
    autoApply: Number(autoApply) / 100,
    suggest: Number(suggest) / 100,
  };
  const valid = !autoError && !suggestError && !zoneError && SortingSettingsSchema.safeParse(draft).success;

  const change = (patch: Partial<SortingSettings>) => {
    setOutcome(null);
    setSettings((s) => ({ ...s, ...patch }));
  };
  const setDay = (day: number, opening: { open: string; close: string } | null) => {
    setOutcome(null);
    setSettings((s) => {
      const days = [...s.businessHours.days];
      days[day] = opening;
      return { ...s, businessHours: { ...s.businessHours, days } };
    });
  };

  const save = async () => {
    if (!valid) return;
    setBusy(true);
    setOutcome(null);
    const result = await actions
      .saveSortingSettings(draft)
      .catch((error: unknown) => ({ ok: false as const, error: String(error) }));
    setBusy(false);
    if (result.ok) {
      setSettings(result.value);
      setAutoApply(percent(result.value.autoApply));
      setSuggest(percent(result.value.suggest));
      setOutcome({ ok: true });
    } else {
      setOutcome({ ok: false, error: result.error });
    }
  };

  const { model } = overview;
  const modelLine = [
    t('sorting.model.corrections', { count: model.corrections }),
    ...(model.updatedAt !== null ? [t('sorting.model.last', { when: time.dateTime(model.updatedAt) })] : []),
  ].join(', ');

  return (
    <Stack gap="sm">
      <Switch
        label={t('sorting.classifier')}
        description={t('sorting.classifierHelp')}
        checked={settings.classifierEnabled}
        onChange={(e) => change({ classifierEnabled: e.currentTarget.checked })}
      />
      <Group grow align="flex-start">
        <NumberInput
          size="xs"
          label={t('sorting.autoApply')}
          description={t('sorting.autoApplyHelp')}
          min={5}
          max={100}
          step={5}
          suffix=" %"
          allowDecimal={false}
          disabled={!settings.classifierEnabled}
          value={autoApply}
          error={autoError}
          onChange={(value) => {
            setOutcome(null);
            setAutoApply(value);
          }}
        />
        <NumberInput
          size="xs"
          label={t('sorting.suggest')}
          description={t('sorting.suggestHelp')}
          min={5}
          max={100}
          step={5}
          suffix=" %"
          allowDecimal={false}
          disabled={!settings.classifierEnabled}
          value={suggest}
          error={suggestError}
          onChange={(value) => {
            setOutcome(null);
            setSuggest(value);
          }}
        />
      </Group>
      <Text size="xs" c="dimmed" data-testid="model-status">
        {t('sorting.model')}: {modelLine}; {t('sorting.model.predicts', { count: model.labels.length })}
      </Text>
      <Switch
        label={t('sorting.urgency')}
        description={t('sorting.urgencyHelp')}
        checked={settings.detectUrgency}
        onChange={(e) => change({ detectUrgency: e.currentTarget.checked })}
      />
      <Stack gap={6} role="group" aria-labelledby="sorting-hours">
        <Text size="sm" fw={600} id="sorting-hours">
          {t('sorting.hours')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('sorting.hoursHelp')}
        </Text>
        <TextInput
          size="xs"
          label={t('sorting.timeZone')}
          placeholder="Europe/Paris"
          value={settings.businessHours.timeZone}
          error={zoneError}
          onChange={(e) => change({ businessHours: { ...settings.businessHours, timeZone: e.currentTarget.value } })}
        />
        {WEEK.map((day) => {
          const opening = settings.businessHours.days[day] ?? null;
          const name = dayName(day);
          const invalid = opening !== null && !OpeningSchema.safeParse(opening).success;
          return (
            <Group key={day} gap="xs" wrap="nowrap" data-day={day}>
              <Switch
                size="xs"
                w={150}
                label={name}
                aria-label={t('sorting.openOn', { day: name })}
                checked={opening !== null}
                onChange={(e) => setDay(day, e.currentTarget.checked ? DEFAULT_OPENING : null)}
              />
              {opening === null ? (
                <Text size="xs" c="dimmed">
                  {t('sorting.closed')}
                </Text>
              ) : (
                <>
                  <TextInput
                    size="xs"
                    type="time"
                    aria-label={t('sorting.opensOn', { day: name })}
                    value={opening.open}
                    error={invalid}
                    onChange={(e) => setDay(day, { ...opening, open: e.currentTarget.value })}
                  />
                  <Text size="xs">–</Text>
                  <TextInput
                    size="xs"
                    type="time"
                    aria-label={t('sorting.closesOn', { day: name })}
                    value={opening.close}
                    error={invalid}
                    onChange={(e) => setDay(day, { ...opening, close: e.currentTarget.value })}
                  />
                  {invalid && (
                    <Text size="xs" className={classes.error}>
                      {t('sorting.hoursInvalid')}
                    </Text>
                  )}
                </>
              )}
            </Group>
          );
        })}
      </Stack>
      {outcome && !outcome.ok && (
        <Text size="xs" role="alert" className={classes.error}>
          {t('sorting.saveFailed', { error: outcome.error })}
        </Text>
      )}
      {outcome?.ok && (
        <Text size="xs" c="green" role="status">
          {t('sorting.saved')}
        </Text>
      )}
      <Group justify="flex-end">
        <Button size="xs" loading={busy} disabled={!valid} onClick={() => void save()}>
          {t('sorting.save')}
        </Button>
      </Group>
    </Stack>
  );
}
