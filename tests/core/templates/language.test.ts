import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blanksIn,
  firstNameOf,
  formatTotal,
  parseTemplate,
  renderTemplate,
  TEMPLATE_VARIABLES,
  type TemplateValues,
} from '../../../src/core/templates';

const FULL: TemplateValues = {
  contact: { name: 'Camille Martin' },
  agent: { name: 'Léa' },
  business: { name: 'Maison Lumière', hours: 'lun.–ven. 9 h–18 h' },
  order: { number: '1042', status: 'shipped', trackingUrl: 'https://track.example/1042', total: 49.9, currency: 'EUR' },
};

describe('parseTemplate', () => {
  it('reads text and variables, with and without fallbacks', () => {
    const parsed = parseTemplate('Bonjour {{contact.first_name | "à vous"}}, commande {{ order.number }} !');
    expect(parsed).toEqual({
      ok: true,
      parts: [
        { kind: 'text', text: 'Bonjour ' },
        { kind: 'variable', name: 'contact.first_name', fallback: 'à vous', offset: 8 },
        { kind: 'text', text: ', commande ' },
        { kind: 'variable', name: 'order.number', fallback: null, offset: 52 },
        { kind: 'text', text: ' !' },
      ],
    });
  });

  it.each([
    ['Bonjour {{contact.name', '“{{” is never closed with “}}”', 1, 9],
    ['Ligne 1\nLigne 2 {{ order.nombre }}', 'unknown variable “order.nombre”', 2, 12],
    ['{{ }}', 'a variable name is expected after “{{”', 1, 4],
    ['{{contact.name | there}}', 'a fallback is a quoted text', 1, 18],
    ['{{contact.name | "there}}', 'the fallback’s quote is never closed', 1, 18],
    ['{{contact.name "x"}}', '“}}” is expected here', 1, 16],
  ])('refuses %j with the position of the error', (body, message, line, column) => {
    const parsed = parseTemplate(body);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.message).toContain(message);
    expect({ line: parsed.error.line, column: parsed.error.column }).toEqual({ line, column });
  });

  it('takes escaped quotes in fallbacks, and lone braces as text', () => {
    const parsed = parseTemplate(`{{contact.name | "l'ami \\"cher\\""}} } {x} }}`);
    expect(parsed.ok && parsed.parts).toEqual([
      { kind: 'variable', name: 'contact.name', fallback: 'l\'ami "cher"', offset: 0 },
      { kind: 'text', text: ' } {x} }}' },
    ]);
  });
});

describe('renderTemplate', () => {
  it('fills every variable, formats the total and the status in the customer’s language', () => {
    const body = TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join('|');
    expect(renderTemplate(body, FULL, 'fr').text).toBe(
      'Camille|Camille Martin|Léa|Maison Lumière|lun.–ven. 9 h–18 h|1042|expédiée|https://track.example/1042|49,90\u00a0€',
    );
    expect(renderTemplate('{{order.status}} {{order.total}}', FULL, 'en').text).toBe('shipped €49.90');
  });

  it('uses the fallback when a value is missing, and leaves a marked blank when there is none', () => {
    const rendered = renderTemplate('Hi {{contact.first_name | "there"}}, order {{order.number}}.', {}, 'en');
    expect(rendered.text).toBe('Hi there, order {{order.number}}.');
    expect(rendered.blanks).toEqual([{ name: 'order.number', start: 16, end: 32 }]);
    expect(rendered.text.slice(16, 32)).toBe('{{order.number}}');
    expect(blanksIn(rendered.text)).toEqual(rendered.blanks);
  });

  it('inserts values as text: markup in a name stays characters', () => {
    const text = renderTemplate(
      'Bonjour {{contact.name}}',
      { contact: { name: '<img src=x onerror=alert(1)>' } },
      'fr',
    );
    expect(text.text).toBe('Bonjour <img src=x onerror=alert(1)>');
  });

  it('returns a malformed body as written, with the error', () => {
    const rendered = renderTemplate('Bonjour {{contact.name', FULL, 'fr');
    expect(rendered.text).toBe('Bonjour {{contact.name');
    expect(rendered.error?.message).toContain('never closed');
  });

  it('reads a first name only where there is one', () => {
    expect(firstNameOf('  Zoé  Lambert ')).toBe('Zoé');
    expect(firstNameOf('+33612345678')).toBeNull();
    expect(firstNameOf('17841470655129034')).toBeNull();
    expect(formatTotal(12, 'GBP', 'en')).toBe('£12.00');
    expect(formatTotal(Number.NaN, 'EUR', 'fr')).toBeNull();
  });
});

describe('properties', () => {
  const values = fc.record(
    {
      contact: fc.record(
        { name: fc.option(fc.string(), { nil: null }), firstName: fc.option(fc.string(), { nil: null }) },
        { requiredKeys: [] },
      ),
      agent: fc.record({ name: fc.option(fc.string(), { nil: null }) }, { requiredKeys: [] }),
      order: fc.option(
        fc.record(
          {
            number: fc.option(fc.string(), { nil: null }),
            status: fc.option(fc.string(), { nil: null }),
            total: fc.option(fc.double(), { nil: null }),
            currency: fc.option(fc.string(), { nil: null }),
          },
          { requiredKeys: [] },
        ),
        { nil: null },
      ),
    },
    { requiredKeys: [] },
  );

  it('render never throws, whatever the body and the values', () => {
    const body = fc.oneof(
      fc.string(),
      fc
        .array(fc.oneof(fc.string(), fc.constantFrom('{{', '}}', '|', '"', '\\', ...TEMPLATE_VARIABLES)))
        .map((a) => a.join('')),
    );
    fc.assert(
      fc.property(body, values, fc.constantFrom('fr' as const, 'en' as const), (b, v, locale) => {
        const rendered = renderTemplate(b, v as TemplateValues, locale);
        expect(typeof rendered.text).toBe('string');
        for (const blank of rendered.blanks)
          expect(rendered.text.slice(blank.start, blank.end)).toBe(`{{${blank.name}}}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('a fallback always applies when the value is missing, and never leaves a blank', () => {
    const fallback = fc.string().filter((s) => !s.includes('\n'));
    fc.assert(
      fc.property(fc.constantFrom(...TEMPLATE_VARIABLES), fallback, (name, text) => {
        const quoted = JSON.stringify(text);
        const rendered = renderTemplate(`<{{${name} | ${quoted}}}>`, {}, 'fr');
        expect(rendered.error).toBeNull();
        expect(rendered.text).toBe(`<${text}>`);
        expect(rendered.blanks).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
