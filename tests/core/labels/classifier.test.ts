import { describe, expect, it } from 'vitest';
import { createClassifier, featurize, DEFAULT_FEATURES, LinearClassifier, modelSchema } from '../../../src/core/labels';

const TOY = [
  ['where is my order', 'delivery'],
  ['my parcel has not arrived yet', 'delivery'],
  ['when will my package be delivered', 'delivery'],
  ['où est mon colis', 'delivery'],
  ['toujours pas reçu ma livraison', 'delivery'],
  ['I want my money back', 'refund'],
  ['please refund me', 'refund'],
  ['can I get a refund for this', 'refund'],
  ['remboursez-moi', 'refund'],
  ['je veux être remboursé', 'refund'],
  ['my card was declined', 'payment'],
  ['the payment did not go through', 'payment'],
  ['paiement refusé par ma banque', 'payment'],
  ['problème de paiement par carte', 'payment'],
].map(([text, label]) => ({ text: text!, label: label! }));

function trained(): LinearClassifier {
  const model = createClassifier({ hashBits: 16 });
  model.train(TOY, 10, 1_000);
  return model;
}

describe('features', () => {
  it('are deterministic, L2-normalised, with a bias slot', () => {
    const a = featurize('Où est ma commande #12 ?', DEFAULT_FEATURES);
    const b = featurize('ou est ma commande #99', DEFAULT_FEATURES);
    expect([...a.indices]).toEqual([...b.indices]);
    const norm = [...a.values].slice(0, -1).reduce((s, v) => s + v * v, 0);
    expect(norm).toBeCloseTo(1, 5);
    expect(a.indices.at(-1)).toBe(0);
  });
});

describe('LinearClassifier', () => {
  it('predicts nothing before it knows any label', () => {
    expect(createClassifier({ hashBits: 12 }).predict('hello')).toEqual({ label: null, confidence: 0, ranked: [] });
  });

  it('learns a toy dataset, with softmax confidences', () => {
    const model = trained();
    expect(model.updatedAt).toBe(1_000);
    expect(model.predict('where is my parcel').label).toBe('delivery');
    expect(model.predict('je voudrais un remboursement').label).toBe('refund');
    expect(model.predict('carte refusée au paiement').label).toBe('payment');
    const p = model.predict('please refund my order');
    expect(p.ranked.map((r) => r.label).sort()).toEqual(['delivery', 'payment', 'refund']);
    expect(p.ranked.reduce((s, r) => s + r.confidence, 0)).toBeCloseTo(1, 6);
    expect(p.confidence).toBe(p.ranked[0]!.confidence);
  });

  it('is reproducible with a seed', () => {
    expect(trained().predict('where is my money').ranked).toEqual(trained().predict('where is my money').ranked);
  });

  it('learns a new label online after a few examples', () => {
    const model = trained();
    const wholesale = [
      'do you sell wholesale to shops',
      'prix de gros pour revendeurs',
      'bulk order of 500 units for my store',
      'tarif grossiste svp',
      'wholesale price list please',
    ];
    for (const text of wholesale) model.learn(text, 'wholesale', 2_000);
    expect(model.updatedAt).toBe(2_000);
    expect(model.labels).toContain('wholesale');
    expect(model.predict('what are your wholesale prices').label).toBe('wholesale');
    expect(model.predict('vous faites des prix de gros ?').label).toBe('wholesale');
    // The old labels still work.
    expect(model.predict('where is my parcel').label).toBe('delivery');
  });

  it('unlearns: a removed label loses confidence for that text, the others keep theirs', () => {
    const model = trained();
    const text = 'I want my money back';
    const before = model.predict(text);
    expect(before.label).toBe('refund');
    for (let i = 0; i < 3; i++) model.unlearn(text, 'refund', 3_000);
    const after = model.predict(text);
    expect(after.ranked.find((r) => r.label === 'refund')!.confidence).toBeLessThan(
      before.ranked.find((r) => r.label === 'refund')!.confidence,
    );
    expect(model.updatedAt).toBe(3_000);
    expect(model.predict('where is my parcel').label).toBe('delivery');
    // Unknown labels are ignored rather than created.
    model.unlearn(text, 'nothing-like-it');
    expect(model.labels).not.toContain('nothing-like-it');
  });
});

describe('serialisation', () => {
  it('round trips: a loaded model predicts like the original, and reloading is exact', () => {
    const model = trained();
    const json = JSON.parse(JSON.stringify(model.toJSON())) as unknown;
    const loaded = LinearClassifier.fromJSON(json);
    for (const text of ['where is my parcel', 'remboursez moi', 'carte refusée', 'bonjour']) {
      expect(loaded.predict(text).label).toBe(model.predict(text).label);
    }
    const again = LinearClassifier.fromJSON(JSON.parse(JSON.stringify(loaded.toJSON())));
    expect(again.toJSON()).toEqual(loaded.toJSON());
    expect(again.predict('remboursez moi')).toEqual(loaded.predict('remboursez moi'));
    expect(loaded.updatedAt).toBe(1_000);
    expect(loaded.options).toEqual(model.options);
  });

  it('a loaded model keeps learning', () => {
    const loaded = LinearClassifier.fromJSON(trained().toJSON());
    for (let i = 0; i < 3; i++) loaded.learn('gift wrap please', 'gift wrap');
    expect(loaded.predict('can you gift wrap it').label).toBe('gift wrap');
  });

  it('the schema refuses corrupt models', () => {
    const good = trained().toJSON();
    expect(modelSchema.safeParse(good).success).toBe(true);
    const corrupt = (patch: (m: ReturnType<typeof structuredClone<typeof good>>) => void): unknown => {
      const m = structuredClone(good);
      patch(m);
      return m;
    };
    const bad = [
      corrupt((m) => (m.format = 'other' as never)),
      corrupt((m) => (m.labels[0]!.data = 'not base64!')),
      corrupt((m) => (m.labels[0]!.data = m.labels[0]!.data.slice(0, 8))), // truncated: a varint with no value
      corrupt((m) => (m.labels[1]!.label = m.labels[0]!.label)),
      corrupt((m) => (m.options.hashBits = 40)),
      corrupt((m) => (m.labels[0]!.scale = -1)),
      corrupt((m) => (m.options.hashBits = 8)), // indices beyond the smaller space
      { format: 'comptoir-labels/1' },
      null,
    ];
    for (const m of bad) {
      expect(modelSchema.safeParse(m).success).toBe(false);
      expect(() => LinearClassifier.fromJSON(m)).toThrow(/invalid label model/);
    }
  });
});
