import { MAX_MESSAGE_LENGTH, TemplateSendSchema, type MessageTemplate, type TemplateSend } from '../../../core';

const PLACEHOLDER = /\{\{\s*(\d+)\s*\}\}/g;

/** How many parameters the body needs: the count Meta gives, or more if the body names a higher {{n}}. */
export function parameterCount(template: MessageTemplate): number {
  let highest = 0;
  for (const match of template.body.matchAll(PLACEHOLDER)) highest = Math.max(highest, Number(match[1]));
  return Math.max(template.parameterCount, highest);
}

/** The body with {{1}}, {{2}}... replaced by the agent's values; an empty value leaves its placeholder. */
export function fillTemplate(body: string, parameters: readonly string[]): string {
  return body.replace(PLACEHOLDER, (whole, n: string) => {
    const value = parameters[Number(n) - 1];
    return value && value.trim() ? value : whole;
  });
}

/** What `message:send` will carry, or null while a parameter is missing or the result would be refused. */
export function templateSend(
  template: MessageTemplate,
  parameters: readonly string[],
): { text: string; template: TemplateSend } | null {
  const count = parameterCount(template);
  const values = Array.from({ length: count }, (_, i) => parameters[i]?.trim() ?? '');
  if (values.some((v) => v === '')) return null;
  const text = fillTemplate(template.body, values);
  const send = { name: template.name, language: template.language, parameters: values };
  if (!TemplateSendSchema.safeParse(send).success || !text.trim() || text.length > MAX_MESSAGE_LENGTH) return null;
  return { text, template: send };
}

/** One value per template, stable across renders: name and language together identify an approved template. */
export function templateKey(template: Pick<MessageTemplate, 'name' | 'language'>): string {
  return `${template.name}\u0000${template.language}`;
}
