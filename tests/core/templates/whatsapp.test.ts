import { describe, expect, it } from 'vitest';
import { approvedParameters, QuickReplyDraftSchema, type TemplateValues } from '../../../src/core';

const values: TemplateValues = {
  contact: { name: 'Camille Martin' },
  agent: { name: 'Léa' },
  business: { name: 'Atelier', hours: null },
  order: { number: '1042', status: 'shipped', trackingUrl: null, total: 49.9, currency: 'EUR' },
};

describe('approvedParameters', () => {
  it('fills each {{n}} with its variable, resolved as in a quick reply', () => {
    const mapping = { parameters: ['contact.first_name', 'order.number', 'order.status', 'order.total'] as const };
    expect(approvedParameters({ parameters: [...mapping.parameters] }, values, 'fr')).toEqual({
      values: ['Camille', '1042', 'expédiée', '49,90\u00a0€'],
      missing: [],
    });
    expect(approvedParameters({ parameters: ['order.status'] }, values, 'en').values).toEqual(['shipped']);
  });

  it('leaves a variable without value empty and reports its position', () => {
    const result = approvedParameters(
      { parameters: ['agent.name', 'business.hours', 'order.tracking_url', 'contact.name'] },
      values,
      'en',
    );
    expect(result).toEqual({ values: ['Léa', '', '', 'Camille Martin'], missing: [1, 2] });
    expect(approvedParameters({ parameters: ['order.number'] }, {}, 'en')).toEqual({ values: [''], missing: [0] });
  });

  it('maps nothing for no parameters', () => {
    expect(approvedParameters({ parameters: [] }, values, 'en')).toEqual({ values: [], missing: [] });
  });
});

describe('the whatsapp mapping of a quick reply', () => {
  const base = { shortcut: 'suivi', title: 'Suivi', variants: [{ language: 'fr', body: 'Bonjour' }] };

  it('is optional and checked', () => {
    expect(QuickReplyDraftSchema.safeParse(base).success).toBe(true);
    const whatsapp = { name: 'order_update', language: 'fr', parameters: ['contact.first_name', 'order.number'] };
    expect(QuickReplyDraftSchema.parse({ ...base, whatsapp }).whatsapp).toEqual(whatsapp);
    expect(QuickReplyDraftSchema.safeParse({ ...base, whatsapp: { ...whatsapp, name: '' } }).success).toBe(false);
    expect(QuickReplyDraftSchema.safeParse({ ...base, whatsapp: { ...whatsapp, language: 'f' } }).success).toBe(false);
    expect(
      QuickReplyDraftSchema.safeParse({ ...base, whatsapp: { ...whatsapp, parameters: ['contact.age'] } }).success,
    ).toBe(false);
    expect(
      QuickReplyDraftSchema.safeParse({
        ...base,
        whatsapp: { ...whatsapp, parameters: Array.from({ length: 21 }, () => 'agent.name') },
      }).success,
    ).toBe(false);
  });
});
