// fake-indexeddb must be installed before Dexie is imported anywhere (TOOLCHAIN.md).
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Mantine's Textarea autosize reads document.fonts, which happy-dom lacks. (A file may opt into the plain Node
// environment, e.g. to run the real gateway beside the sync engine: it has no document.)
if (typeof document !== 'undefined' && !('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => {}, removeEventListener: () => {}, ready: Promise.resolve() },
  });
}

afterEach(() => cleanup());
