import { z } from 'zod';
import type { MessageTemplate } from '../../../core';
import type { GraphFailure, GraphHttp } from './graph-http';

/** 100 per page × 50 pages: far above any shop's templates, low enough that a looping `next` cannot spin forever. */
const MAX_PAGES = 50;

// GET /{waba-id}/message_templates (whatsapp/business-management-api/message-templates, templates/template-management):
// {data:[{name, language, status, category, components:[{type:'BODY', text}...]}], paging:{cursors:{before, after}, next}}.
const PageSchema = z.object({
  data: z.array(z.unknown()),
  paging: z
    .object({
      cursors: z.object({ after: z.string().optional() }).optional(),
      // Graph's cursor pagination: `next` is absent on the last page (graph-api/results).
      next: z.string().optional(),
    })
    .optional(),
});

const ButtonSchema = z.object({ type: z.string(), url: z.string().optional() });
const ComponentSchema = z.object({
  type: z.string(),
  format: z.string().optional(),
  text: z.string().optional(),
  buttons: z.array(ButtonSchema).optional(),
});
const TemplateSchema = z.object({
  name: z.string(),
  language: z.string(),
  status: z.string(),
  category: z.string().optional(),
  components: z.array(ComponentSchema).optional(),
});
type Component = z.infer<typeof ComponentSchema>;

/** Buttons whose send needs a parameter (a coupon code, a one-time password): our send carries body ones only. */
const PARAMETER_BUTTONS = new Set(['OTP', 'COPY_CODE']);

/**
 * True when the template can be sent with body parameters alone, the only kind TemplateSend carries: a media or
 * variable header, a variable URL button or a carousel would be refused by Meta at send time ("#132000").
 */
function bodyOnly(components: readonly Component[]): boolean {
  return components.every((c) => {
    switch (c.type.toUpperCase()) {
      case 'BODY':
      case 'FOOTER':
        return true;
      case 'HEADER':
        return (c.format ?? 'TEXT').toUpperCase() === 'TEXT' && !c.text?.includes('{{');
      case 'BUTTONS':
        return (c.buttons ?? []).every(
          (b) => !PARAMETER_BUTTONS.has(b.type.toUpperCase()) && !(b.url ?? '').includes('{{'),
        );
      default:
        return false;
    }
  });
}

/** The MessageTemplate for an APPROVED, positional, body-only template; null for any other. */
export function toMessageTemplate(raw: unknown): MessageTemplate | null {
  const parsed = TemplateSchema.safeParse(raw);
  if (!parsed.success || parsed.data.status !== 'APPROVED') return null;
  const components = parsed.data.components ?? [];
  const body = components.find((c) => c.type.toUpperCase() === 'BODY')?.text ?? '';
  // NAMED templates ({{first_name}}) need parameter_name on each parameter; TemplateSend is positional.
  if (/\{\{\s*[A-Za-z_]\w*\s*\}\}/.test(body) || !bodyOnly(components)) return null;
  const numbers = new Set([...body.matchAll(/\{\{\s*(\d+)\s*\}\}/g)].map((m) => m[1]));
  return {
    name: parsed.data.name,
    language: parsed.data.language,
    category: parsed.data.category ?? '',
    body,
    parameterCount: numbers.size,
  };
}

export async function listWhatsAppTemplates(
  http: GraphHttp,
  token: string,
  businessAccountId: string,
): Promise<{ ok: true; templates: MessageTemplate[] } | GraphFailure> {
  const first = `/${encodeURIComponent(businessAccountId)}/message_templates`;
  const query = 'fields=name,language,status,category,components&limit=100';
  const templates: MessageTemplate[] = [];
  let skipped = 0;
  let url = `${http.base}/${http.version}${first}?${query}`;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const result = await http.json('GET', url, token);
    if (!result.ok) return result;
    const parsed = PageSchema.safeParse(result.json);
    if (!parsed.success) {
      return { ok: false, retryable: false, error: 'Graph API answered the template list without `data`', code: null };
    }
    for (const raw of parsed.data.data) {
      const template = toMessageTemplate(raw);
      if (template) templates.push(template);
      else if ((raw as { status?: unknown } | null)?.status === 'APPROVED') skipped++;
    }
    const next = nextPage(http, parsed.data.paging, first, query);
    if (!next || next === url) break;
    url = next;
    if (page === MAX_PAGES) http.log(`graph: template list stopped after ${MAX_PAGES} pages`);
  }
  if (skipped)
    http.log(`graph: ${skipped} approved template(s) left out: they need named, header or button parameters`);
  return { ok: true, templates };
}

/**
 * The next page's URL. `paging.next` is followed only on Graph's own origin (the bearer goes with it) and without
 * an `access_token` query Graph may echo there; otherwise the `after` cursor is used against our base.
 */
function nextPage(
  http: GraphHttp,
  paging: z.infer<typeof PageSchema>['paging'],
  first: string,
  query: string,
): string | null {
  if (!paging?.next) return null;
  try {
    const next = new URL(paging.next);
    if (next.origin === new URL(http.base).origin) {
      next.searchParams.delete('access_token');
      return next.toString();
    }
  } catch {
    // not a URL: fall through to the cursor
  }
  const after = paging.cursors?.after;
  return after ? `${http.base}/${http.version}${first}?${query}&after=${encodeURIComponent(after)}` : null;
}
