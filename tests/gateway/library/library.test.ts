import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibraryFile, Message, QuickReply, Thread } from '../../../src/core';
import { startGateway, type RunningGateway } from '../../../src/gateway';
import { tempDir, writeResources } from '../fixtures';
import { connect, eventually, request, valueOf, type ClientSocket } from '../helpers';
import { HTML_AS_PNG, PDF, PNG, variant } from './files';

const TOKEN = 'library-test-admin-token-0123456789';

describe('the template library and replies that carry files', () => {
  const data = tempDir();
  const resources = tempDir();
  let gateway: RunningGateway;
  let socket: ClientSocket;

  const call = async (method: string, path: string, body?: BodyInit, token: string | null = TOKEN) => {
    const res = await fetch(`${gateway.url}${path}`, {
      method,
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
      body,
    });
    return res;
  };
  const json = async <T>(res: Response) => (await res.json()) as T & { ok: boolean; error?: string };
  const upload = (name: string, bytes: Buffer) =>
    call('POST', `/api/library?name=${encodeURIComponent(name)}`, new Uint8Array(bytes));
  const files = async () => (await json<{ files: LibraryFile[] }>(await call('GET', '/api/library'))).files;
  const threadMessages = async (threadId: string) =>
    (await json<{ messages: Message[] }>(await call('GET', `/api/threads/${threadId}/messages`))).messages;
  const someThread = async () => (await json<{ threads: Thread[] }>(await call('GET', '/api/threads'))).threads[0]!;

  beforeAll(async () => {
    writeResources(resources.path);
    gateway = await startGateway({
      dataDir: data.path,
      demo: true,
      simulate: false,
      adminToken: TOKEN,
      resourcesDir: resources.path,
      log: () => {},
    });
    socket = await connect(gateway.url, TOKEN);
  });
  afterAll(async () => {
    socket.close();
    await gateway.close();
    [data, resources].forEach((d) => d.remove());
  });

  it('the demo ships a returns form and a map, carried by its /retour and /horaires replies', async () => {
    const shipped = await files();
    // The catalogue's product pictures are library files too, named by sku.
    expect(shipped.find((f) => f.id === 'product-can-fig-220')).toMatchObject({ name: 'CAN-FIG-220.png' });
    expect(
      shipped
        .filter((f) => !f.id.startsWith('product-'))
        .map((f) => [f.id, f.name, f.mimeType])
        .sort(),
    ).toEqual([
      ['demo-returns-form', 'Formulaire de retour.pdf', 'application/pdf'],
      ['demo-workshop-map', 'Plan d’accès atelier.png'.replace('’', "'"), 'image/png'],
    ]);
    const pdf = await call('GET', '/api/library/demo-returns-form');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('stores an image or a PDF once, typed from its bytes, and serves it back', async () => {
    const before = (await files()).length;
    const res = await upload('Guide des tailles.PNG', PNG);
    expect(res.status).toBe(201);
    const { file } = await json<{ file: LibraryFile }>(res);
    expect(file).toMatchObject({
      name: 'Guide des tailles.png',
      kind: 'image',
      mimeType: 'image/png',
      size: PNG.length,
    });

    // The same bytes again (another name): the existing file, nothing added.
    const again = await upload('copy.png', PNG);
    expect(again.status).toBe(200);
    expect((await json<{ file: LibraryFile }>(again)).file.id).toBe(file.id);

    const pdf = await json<{ file: LibraryFile }>(await upload('tarifs.pdf', PDF));
    expect(pdf.file).toMatchObject({ kind: 'document', mimeType: 'application/pdf' });
    expect((await files()).length).toBe(before + 2);

    const download = await call('GET', `/api/library/${file.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('refuses what is not a JPEG, PNG or PDF, a file too large, a missing name or token, and stores nothing', async () => {
    const before = await files();
    const html = await upload('innocent.png', HTML_AS_PNG);
    expect(html.status).toBe(415);
    expect((await json(html)).error).toBe('only JPEG or PNG images and PDF documents can be attached');

    const huge = new Uint8Array(16 * 1024 * 1024 + 1);
    huge.set(PDF.subarray(0, 8));
    const tooLarge = await call('POST', '/api/library?name=big.pdf', huge);
    expect(tooLarge.status).toBe(413);
    expect((await json(tooLarge)).error).toBe('a file is at most 16 MB');

    expect((await call('POST', '/api/library', new Uint8Array(PNG))).status).toBe(400);
    expect((await call('POST', '/api/library?name=x.png', new Uint8Array(PNG), null)).status).toBe(401);
    expect((await call('GET', '/api/library/file_nope')).status).toBe(404);
    expect(await files()).toEqual(before);
  });

  it('sends a reply’s files after its text, shows them in the thread, and refuses unknown files whole', async () => {
    const image = (await json<{ file: LibraryFile }>(await upload('plan.png', variant(PNG, 'plan')))).file;
    const pdf = (await json<{ file: LibraryFile }>(await upload('tarifs.pdf', variant(PDF, 'tarifs')))).file;
    const thread = await someThread();
    const before = await threadMessages(thread.id);

    const refused = await request(socket, 'message:send', {
      clientId: 'reply-with-a-ghost-file',
      threadId: thread.id,
      text: 'Voici nos tarifs',
      attachments: [pdf.id, 'file_ghost'],
    });
    expect(refused).toEqual({ ok: false, error: 'unknown file file_ghost' });
    expect(await threadMessages(thread.id)).toHaveLength(before.length);

    valueOf(
      await request(socket, 'message:send', {
        clientId: 'reply-with-two-files',
        threadId: thread.id,
        text: 'Voici nos tarifs et le plan',
        attachments: [pdf.id, image.id],
      }),
    );
    const after = await threadMessages(thread.id);
    const added = after.slice(before.length);
    expect(added.map((m) => [m.text, m.content?.kind === 'media' ? m.content.filename : null])).toEqual([
      ['Voici nos tarifs et le plan', null],
      ['', 'tarifs.pdf'],
      ['', 'plan.png'],
    ]);
    expect(added[1]!.content).toMatchObject({ media: 'document', mimeType: 'application/pdf' });
    // The sandbox channel delivers each of them.
    await eventually(async () =>
      (await threadMessages(thread.id)).slice(before.length).every((m) => m.status !== 'pending'),
    );

    // The thread shows the file through the media endpoint, served from the library.
    const media = await call('GET', `/api/media/${added[2]!.id}`);
    expect(media.status).toBe(200);
    expect(Buffer.from(await media.arrayBuffer()).equals(variant(PNG, 'plan'))).toBe(true);

    // Resending the same client id creates nothing more.
    valueOf(
      await request(socket, 'message:send', {
        clientId: 'reply-with-two-files',
        threadId: thread.id,
        text: 'Voici nos tarifs et le plan',
        attachments: [pdf.id, image.id],
      }),
    );
    expect(await threadMessages(thread.id)).toHaveLength(after.length);
  });

  it('a quick reply can carry library files; a file in use cannot be deleted, an unused one can', async () => {
    const pdf = (await json<{ file: LibraryFile }>(await upload('retours.pdf', variant(PDF, 'retours')))).file;
    const reply = valueOf(
      await request<{ reply: QuickReply }>(socket, 'replies:save', {
        reply: {
          shortcut: 'formulaire-retour',
          title: 'Return form',
          variants: [{ language: 'fr', body: 'Voici le formulaire de retour.' }],
          attachments: [{ id: pdf.id, kind: 'image', name: 'a name the client made up.png' }],
        },
      }),
    ).reply;
    // What the file is and is called come from the library, whatever the client said.
    expect(reply.attachments).toEqual([{ id: pdf.id, kind: 'document', name: 'retours.pdf' }]);

    // A reply naming a file that is not in the library is refused.
    const ghost = await request(socket, 'replies:save', {
      reply: {
        shortcut: 'fantome',
        title: 'Ghost',
        variants: [{ language: 'fr', body: 'x' }],
        attachments: [{ id: 'file_ghost', kind: 'image', name: 'ghost.png' }],
      },
    });
    expect(ghost).toEqual({ ok: false, error: 'the file ghost.png is not in the library' });
    const inUse = await call('POST', `/api/library/${pdf.id}/delete`);
    expect(inUse.status).toBe(409);
    expect((await json(inUse)).error).toBe('retours.pdf is attached to /formulaire-retour: remove it there first');

    valueOf(await request(socket, 'replies:delete', { replyId: reply.id }));
    const deleted = await call('POST', `/api/library/${pdf.id}/delete`);
    expect(deleted.status).toBe(200);
    expect((await files()).some((f) => f.id === pdf.id)).toBe(false);
    // Deleted from the library, still readable for the messages that carried it.
    expect((await call('GET', `/api/library/${pdf.id}`)).status).toBe(200);
  });

  it('files never go with a WhatsApp template', async () => {
    const image = (await files()).find((f) => f.kind === 'image')!;
    const thread = await someThread();
    const refused = await request(socket, 'message:send', {
      clientId: 'template-with-a-file',
      threadId: thread.id,
      text: 'Bonjour',
      template: { name: 'hello', language: 'fr', parameters: [] },
      attachments: [image.id],
    });
    expect(refused.ok).toBe(false);
  });
});
