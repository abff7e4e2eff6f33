import { useMemo } from 'react';
import { z } from 'zod';
import { CatalogProductSchema, type CatalogProduct, type Result } from '../../core';
import type { SyncEngine } from '../sync/engine';
import { parseValue } from '../sync/wire';
import { useServices } from './context';
import type { LibraryClient } from './library';

const ProductsSchema = z.object({ products: z.array(CatalogProductSchema) });

/** The shop's catalogue, from the composer: searched in the gateway, pictures from the template library. */
export interface CatalogClient {
  search(query: string): Promise<Result<CatalogProduct[]>>;
  picture(pictureId: string): Promise<Blob | null>;
}

export function createCatalogClient(sync: Pick<SyncEngine, 'command'>, library: LibraryClient): CatalogClient {
  return {
    async search(query) {
      let result: Result<unknown>;
      try {
        result = await sync.command('catalog:search', { query });
      } catch (error) {
        result = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      const parsed = parseValue(result, ProductsSchema, 'catalog:search');
      return parsed.ok ? { ok: true, value: parsed.value.products } : parsed;
    },
    picture: (pictureId) => library.load(pictureId),
  };
}

export function useCatalogClient(): CatalogClient {
  const { sync, library } = useServices();
  return useMemo(() => createCatalogClient(sync, library), [sync, library]);
}
