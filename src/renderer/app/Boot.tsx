import { useBootstrap } from '../data/bootstrap';
import { ComptoirProvider } from '../data/context';
import type { Platform } from '../platform/platform';
import { LoadingScreen } from './components/LoadingScreen';
import { SignInScreen } from './components/SignInScreen';
import { InboxScreen } from './InboxScreen';

/** Loading, signing in, or the inbox, as the bootstrap decides. */
export function Boot({ platform }: { platform: Platform }) {
  const boot = useBootstrap(platform);
  switch (boot.state) {
    case 'loading':
      return <LoadingScreen />;
    case 'signin':
      return (
        <SignInScreen
          error={boot.error}
          // Saving the token restarts the bootstrap (the platform announces the new session).
          onSubmit={platform.kind === 'web' ? (token) => platform.saveToken(token) : null}
          onRetry={() => window.location.reload()}
        />
      );
    case 'ready':
      return (
        <ComptoirProvider services={boot.services}>
          <InboxScreen />
        </ComptoirProvider>
      );
  }
}
