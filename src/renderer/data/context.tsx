import { createContext, useContext, type JSX, type ReactNode } from 'react';
import type { ComptoirDb } from '../db/schema';
import type { Platform } from '../platform/platform';
import type { SyncEngine } from '../sync/engine';

export interface ComptoirServices {
  db: ComptoirDb;
  sync: SyncEngine;
  platform: Platform;
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
