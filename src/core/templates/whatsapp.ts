import type { Locale } from '../model/contact';
import { renderTemplate, type TemplateValues } from './language';
import type { WhatsAppMapping } from './model';

/**
 * The values of an approved template's {{1}}, {{2}}... from a quick reply's mapping, resolved exactly as the reply's
 * own `{{variable}}` would be; `missing` holds the 0-based positions left blank, for the agent to type.
 */
export function approvedParameters(
  mapping: Pick<WhatsAppMapping, 'parameters'>,
  values: TemplateValues,
  locale: Locale,
): { values: string[]; missing: number[] } {
  const out: string[] = [];
  const missing: number[] = [];
  mapping.parameters.forEach((variable, i) => {
    const rendered = renderTemplate(`{{${variable}}}`, values, locale);
    const value = rendered.error || rendered.blanks.length > 0 ? '' : rendered.text.trim();
    out.push(value);
    if (!value) missing.push(i);
  });
  return { values: out, missing };
}
