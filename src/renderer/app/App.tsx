import type { Platform } from '../platform/platform';
import { AppProviders } from './AppProviders';
import { Boot } from './Boot';

export function App({ platform }: { platform: Platform }) {
  return (
    <AppProviders>
      <Boot platform={platform} />
    </AppProviders>
  );
}
