import { DEFAULT_BUSINESS_HOURS, SortingSettingsSchema, type SortingSettings } from '../../core';
import { getMeta, setMeta } from '../store/meta';
import type { SqlExecutor } from '../store/sql';

const KEY = 'sorting_settings';

/**
 * Chosen on short real messages (docs/labels.md): greetings, thanks and one-word answers score under 0.6 and are
 * left alone; plain requests ("où est ma commande 1001 ?", "how do I pay with paypal") score above 0.8.
 */
export const DEFAULT_SORTING_SETTINGS: SortingSettings = {
  classifierEnabled: true,
  autoApply: 0.8,
  suggest: 0.6,
  detectUrgency: true,
  businessHours: DEFAULT_BUSINESS_HOURS,
};

export async function readSortingSettings(db: SqlExecutor): Promise<SortingSettings> {
  const stored = await getMeta(db, KEY);
  if (!stored) return DEFAULT_SORTING_SETTINGS;
  try {
    const parsed = SortingSettingsSchema.safeParse({ ...DEFAULT_SORTING_SETTINGS, ...JSON.parse(stored) });
    return parsed.success ? parsed.data : DEFAULT_SORTING_SETTINGS;
  } catch {
    return DEFAULT_SORTING_SETTINGS;
  }
}

export async function writeSortingSettings(db: SqlExecutor, settings: SortingSettings): Promise<void> {
  await setMeta(db, KEY, JSON.stringify(settings));
}
