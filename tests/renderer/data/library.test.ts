// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../../src/gateway';
import { createLibraryClient } from '../../../src/renderer/data/library';
import { tempDir } from '../../gateway/fixtures';
import { HTML_AS_PNG, PNG } from '../../gateway/library/files';

const TOKEN = 'renderer-library-client-token-01234';

describe('the library client, against a real gateway', () => {
  const data = tempDir();
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({ dataDir: data.path, adminToken: TOKEN, log: () => {} });
  });
  afterAll(async () => {
    await gateway.close();
    data.remove();
  });

  it('uploads, lists and deletes files, with the token in a header and the gateway’s reasons as errors', async () => {
    const seen: string[] = [];
    const library = createLibraryClient({ gatewayUrl: gateway.url, token: TOKEN }, (input, init) => {
      seen.push(String(input));
      expect(new Headers(init?.headers).get('authorization')).toBe(`Bearer ${TOKEN}`);
      return fetch(input, init);
    });
    const uploaded = await library.upload(new Blob([new Uint8Array(PNG)]), 'Plan d’accès.png');
    expect(uploaded).toMatchObject({ ok: true, value: { name: 'Plan d’accès.png', kind: 'image' } });
    expect(await library.upload(new Blob([new Uint8Array(HTML_AS_PNG)]), 'x.png')).toEqual({
      ok: false,
      error: 'only JPEG or PNG images and PDF documents can be attached',
    });
    const listed = await library.list();
    expect(listed.ok && listed.value.map((f) => f.name)).toEqual(['Plan d’accès.png']);
    expect(seen.every((url) => !url.includes(TOKEN))).toBe(true);

    const id = uploaded.ok ? uploaded.value.id : '';
    expect((await library.remove(id)).ok).toBe(true);
    expect(await library.list()).toEqual({ ok: true, value: [] });
    expect(await library.remove(id)).toEqual({ ok: false, error: 'unknown file' });

    const wrongToken = createLibraryClient({ gatewayUrl: gateway.url, token: 'not-the-token' });
    expect(await wrongToken.list()).toEqual({ ok: false, error: 'unauthorized' });
  });
});
