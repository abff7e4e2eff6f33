import { foldText, type CatalogProduct } from '../../core';
import { getLibraryFile } from '../store/library';
import type { SqlExecutor } from '../store/sql';

/** A product's picture in the template library: sent with the product from the composer. */
export const productPictureId = (sku: string): string => `product-${sku.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`;

interface ProductRow {
  sku: string;
  name: string;
  price: string | number;
  currency: string;
  description: string | null;
}

/**
 * The demo shop's catalogue, searched on every word of the query (accents and case folded) in the name or the sku;
 * an empty query lists it all, by name.
 */
export async function searchCatalog(db: SqlExecutor, query: string, limit = 20): Promise<CatalogProduct[]> {
  const rows = await db.query<ProductRow>('SELECT sku, name, price, currency, description FROM products');
  const words = foldText(query).split(/\s+/).filter(Boolean);
  const matching = rows
    .filter((r) => {
      const haystack = foldText(`${r.name} ${r.sku}`);
      return words.every((w) => haystack.includes(w));
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
    .slice(0, limit);
  const products: CatalogProduct[] = [];
  for (const r of matching) {
    const picture = await getLibraryFile(db, productPictureId(r.sku));
    products.push({
      sku: r.sku,
      name: r.name,
      price: Number(r.price),
      currency: r.currency,
      description: r.description,
      pictureId: picture && !picture.deleted ? picture.id : null,
    });
  }
  return products;
}
