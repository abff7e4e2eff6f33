import { createContext, useContext, type JSX, type ReactNode } from 'react';
import type { ComptoirDb } from '../db/schema';
import type { Platform } from '../platform/platform';
import type { SyncEngine } from '../sync/engine';
import type { LibraryClient } from './library';
import type { MediaLoader } from './media';

export interface ComptoirServices {
  db: ComptoirDb;
  sync: SyncEngine;
  platform: Platform;
  /** Media bytes through the gateway; holds the session token so that nothing else has to. */
  media: MediaLoader;
  /** The template library's files (upload, list, delete), through the gateway's REST API. */
  library: LibraryClient;
}

const ServicesContext = createContext<ComptoirServices | null>(null);

export function ComptoirProvider(props: { services: ComptoirServices; children: ReactNode }): JSX.Element {
  return <ServicesContext.Provider value={props.services}>{props.children}</ServicesContext.Provider>;
}

export function useServices(): ComptoirServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() needs a <ComptoirProvider> above it');
  return services;
}

/** The services, or null outside a provider: for a part of a screen that is shown only where they exist. */
export function useOptionalServices(): ComptoirServices | null {
  return useContext(ServicesContext);
}
