import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium } from '../bench/browser';

/**
 * Makes the demo shop's template-library files (resources/demo/library): a PDF returns form, a PNG map of the
 * workshop and a picture card per product (library/products/<sku>.png), drawn as HTML and printed by Chromium so
 * they are real files that open anywhere.
 * Run with `npx tsx scripts/demo/make-library.ts`; the output is committed, this script keeps it reproducible.
 */
const OUT = join(__dirname, '..', '..', 'resources', 'demo', 'library');

const STYLE = `
  body { font-family: 'DejaVu Sans', 'Liberation Sans', sans-serif; color: #2b2118; margin: 0; }
  h1 { font-size: 22px; margin: 0 0 4px; color: #8a4b14; }
  .sub { color: #7a6a5c; font-size: 12px; margin-bottom: 18px; }
  td { padding: 7px 8px; border-bottom: 1px solid #d9cbbd; font-size: 12px; vertical-align: top; }
  td.k { width: 38%; color: #7a6a5c; }
  ol { font-size: 12px; line-height: 1.6; padding-left: 18px; }
`;

const RETURNS_FORM = `<!doctype html><meta charset="utf-8"><style>${STYLE} body { padding: 36px 44px; }</style>
<h1>Maison Lumière — Formulaire de retour</h1>
<div class="sub">Returns form · 30 jours après réception · 30 days after delivery</div>
<table style="width:100%; border-collapse: collapse">
  <tr><td class="k">N° de commande / Order number</td><td>&nbsp;</td></tr>
  <tr><td class="k">Nom / Name</td><td>&nbsp;</td></tr>
  <tr><td class="k">Article(s) retourné(s) / Item(s) returned</td><td>&nbsp;<br>&nbsp;</td></tr>
  <tr><td class="k">Motif / Reason</td><td>☐ Taille, couleur · ☐ Arrivé abîmé · ☐ Erreur de colis · ☐ Autre</td></tr>
  <tr><td class="k">Remboursement / Refund</td><td>☐ Moyen de paiement d'origine · ☐ Avoir / store credit</td></tr>
</table>
<ol>
  <li>Glissez ce formulaire dans le colis, avec l'article dans son emballage d'origine.</li>
  <li>Collez l'étiquette prépayée reçue par email (France métropolitaine).</li>
  <li>Déposez le colis en point relais : le remboursement part le jour de sa réception à l'atelier.</li>
</ol>
<div class="sub">Maison Lumière · Atelier, 12 rue des Potiers, 69001 Lyon · Lun–Sam 10:00–19:00</div>`;

const MAP = `<!doctype html><meta charset="utf-8"><style>${STYLE}
  body { width: 640px; height: 400px; background: #f6efe6; position: relative; overflow: hidden; }
  .road { position: absolute; background: #fff; border: 1px solid #e3d5c5; }
  .label { position: absolute; font-size: 12px; color: #7a6a5c; }
  .shop { position: absolute; left: 372px; top: 168px; width: 22px; height: 22px; border-radius: 50% 50% 50% 0;
          background: #c2410c; transform: rotate(-45deg); }
  .card { position: absolute; left: 24px; bottom: 20px; background: #fff; padding: 10px 14px; border-radius: 8px;
          box-shadow: 0 1px 4px rgba(0,0,0,.12); }
</style>
<div class="road" style="left:0; top:150px; width:640px; height:26px"></div>
<div class="road" style="left:300px; top:0; width:26px; height:400px"></div>
<div class="road" style="left:0; top:300px; width:640px; height:18px"></div>
<div class="label" style="left:20px; top:132px">Rue des Potiers</div>
<div class="label" style="left:332px; top:20px">Quai Saint-Vincent</div>
<div class="label" style="left:430px; top:282px">Place Sathonay · Métro Hôtel de Ville (A, C)</div>
<div class="shop"></div>
<div class="label" style="left:400px; top:190px; color:#c2410c; font-weight:700">Maison Lumière — atelier</div>
<div class="card"><h1>Plan d'accès</h1><div class="sub" style="margin:0">12 rue des Potiers, 69001 Lyon · Lun–Sam 10:00–19:00</div></div>`;

/** Product cards for the catalogue (sent from the composer): a soft colour per family and the product's name. */
const FAMILY_COLOURS: Record<string, [string, string]> = {
  CAN: ['#f3e3cf', '#b86b2c'],
  DIF: ['#fde7c8', '#c2711d'],
  REF: ['#fde7c8', '#c2711d'],
  CER: ['#e6e1d8', '#5b6b7a'],
  LIN: ['#ece6dc', '#7a6a5c'],
  WOOL: ['#efe9e1', '#8a7a66'],
  BRASS: ['#efe3c2', '#9a7b2a'],
  MATCH: ['#f1e4d6', '#a0522d'],
  GIFT: ['#f4dfe2', '#b4475a'],
};

function productCard(sku: string, name: string): string {
  const [bg, fg] = FAMILY_COLOURS[sku.split('-')[0] ?? ''] ?? ['#eee', '#555'];
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!doctype html><meta charset="utf-8"><style>${STYLE}
    body { width: 320px; height: 320px; background: ${bg}; display: flex; flex-direction: column;
           justify-content: flex-end; }
    .shape { position: absolute; left: 110px; top: 46px; width: 100px; height: 130px; border-radius: 18px 18px 30px 30px;
             background: ${fg}; opacity: .85; box-shadow: 0 10px 24px rgba(0,0,0,.18); }
    .name { margin: 0 18px 10px; font-size: 18px; font-weight: 700; color: #2b2118; }
    .brand { margin: 0 18px 18px; font-size: 11px; letter-spacing: .12em; color: ${fg}; text-transform: uppercase; }
  </style><div class="shape"></div><div class="name">${escape(name)}</div><div class="brand">Maison Lumière</div>`;
}

async function main(): Promise<void> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 640, height: 400 } });
    await page.setContent(RETURNS_FORM);
    await writeFile(join(OUT, 'formulaire-de-retour.pdf'), await page.pdf({ format: 'A5', printBackground: true }));
    await page.setContent(MAP);
    await writeFile(join(OUT, 'plan-acces-atelier.png'), await page.screenshot({ type: 'png' }));
    const shop = JSON.parse(await readFile(join(OUT, '..', 'shop.json'), 'utf8')) as {
      products: { sku: string; name: string }[];
    };
    await mkdir(join(OUT, 'products'), { recursive: true });
    await page.setViewportSize({ width: 320, height: 320 });
    for (const product of shop.products) {
      await page.setContent(productCard(product.sku, product.name));
      await writeFile(join(OUT, 'products', `${product.sku}.png`), await page.screenshot({ type: 'png' }));
    }
  } finally {
    await browser.close();
  }
}

void main();
