import { useMemo } from 'react';
import { z } from 'zod';
import { CatalogProductSchema, type CatalogProduct, type Result } from '../../core';
import type { SyncEngine } from '../sync/engine';
import { useServices } from './context';
import { askCommand, mapResult } from './command';
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
      return mapResult(await askCommand(sync, 'catalog:search', { query }, ProductsSchema), (v) => v.products);
    },
    picture: (pictureId) => library.load(pictureId),
  };
}

export function useCatalogClient(): CatalogClient {
  const { sync, library } = useServices();
  return useMemo(() => createCatalogClient(sync, library), [sync, library]);
}
