import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryFile, Message, Thread } from '../../../../src/core';
import { startGateway, type RunningGateway } from '../../../../src/gateway/index';
import { startFakeGraphApi, type FakeGraphApi } from '../../../fakes/graph-api';
import { channelsFor, postWebhook, SECRET } from '../../../fakes/meta-webhook';
import { tempDir } from '../../fixtures';
import { connect, eventually, request, valueOf, type ClientSocket } from '../../helpers';
import { PDF, PNG } from '../../library/files';
import { fromCustomer, messagingBody, PSID, WA_ID, waMessage } from './support';

const ADMIN = 'an-admin-token-for-attachment-flows';

describe('library files through the Graph API', () => {
  let graph: FakeGraphApi;
  let dir: ReturnType<typeof tempDir>;
  let gateway: RunningGateway;
  let socket: ClientSocket;

  beforeEach(async () => {
    graph = await startFakeGraphApi({ pageIds: [] });
    dir = tempDir();
    gateway = await startGateway({
      dataDir: dir.path,
      adminToken: ADMIN,
      channels: channelsFor(graph),
      graphTransport: { sleep: async () => {}, timeoutMs: 2000 },
      log: () => {},
    });
    socket = await connect(gateway.url, ADMIN);
  });
  afterEach(async () => {
    socket.close();
    await gateway.close();
    await graph.close();
    dir.remove();
  });

  const rest = async <T>(path: string, init: RequestInit = {}) => {
    const res = await fetch(`${gateway.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}` } });
    return (await res.json()) as T;
  };
  const upload = async (name: string, bytes: Buffer) =>
    (await rest<{ file: LibraryFile }>(`/api/library?name=${name}`, { method: 'POST', body: new Uint8Array(bytes) }))
      .file;
  const post = async (channel: string, body: unknown) => {
    const answer = await postWebhook(`${gateway.url}/webhooks/${channel}`, JSON.stringify(body), { appSecret: SECRET });
    expect(answer.status).toBe(200);
    await gateway.channels.idle();
  };
  const onlyThread = async () => (await rest<{ threads: Thread[] }>('/api/threads')).threads[0]!;
  const messagesOf = async (threadId: string) =>
    (await rest<{ messages: Message[] }>(`/api/threads/${threadId}/messages`)).messages;
  const send = (threadId: string, clientId: string, attachments: string[]) =>
    request(socket, 'message:send', { clientId, threadId, text: 'Voici les documents', attachments });
  const posts = () => graph.requests.filter((r) => r.method === 'POST');

  it('WhatsApp: uploads a file once to the number, sends it by id after the text, and reuses the upload', async () => {
    const pdf = await upload('tarifs.pdf', PDF);
    const image = await upload('plan.png', PNG);
    await post(
      'whatsapp',
      waMessage(
        'text',
        { body: 'Vous avez vos tarifs ?' },
        { id: 'wamid.IN1', timestamp: String(Math.floor(Date.now() / 1000)) },
      ),
    );
    const thread = await onlyThread();

    valueOf(await send(thread.id, 'first-reply-with-files', [pdf.id, image.id]));
    await eventually(async () => (await messagesOf(thread.id)).every((m) => m.status !== 'pending'));
    const sent = posts().map((r) => {
      const body = r.body as Record<string, unknown>;
      return r.path.endsWith('/media')
        ? `upload ${(body.file as { filename: string }).filename}`
        : `send ${String(body.type)}`;
    });
    // In order: the text, then each file uploaded and sent.
    expect(sent).toEqual(['send text', 'upload tarifs.pdf', 'send document', 'upload plan.png', 'send image']);
    const upload1 = posts()[1]!.body as Record<string, unknown>;
    expect(upload1).toMatchObject({ messaging_product: 'whatsapp', type: 'application/pdf' });
    expect([...graph.uploads.values()].map((f) => f.bytes.equals(PDF) || f.bytes.equals(PNG))).toEqual([true, true]);
    const documentSend = posts()[2]!.body as Record<string, unknown>;
    expect(documentSend).toMatchObject({ to: WA_ID, type: 'document', document: { filename: 'tarifs.pdf' } });

    const files = (await messagesOf(thread.id)).filter((m) => m.content?.kind === 'media');
    expect(files.map((m) => m.status)).toEqual(['sent', 'sent']);
    expect(files.every((m) => m.providerMessageId?.startsWith('wamid.'))).toBe(true);

    // The same file again: sent by the stored id, no second upload.
    const before = posts().length;
    valueOf(await send(thread.id, 'second-reply-with-files', [pdf.id]));
    await eventually(async () => (await messagesOf(thread.id)).every((m) => m.status !== 'pending'));
    expect(
      posts()
        .slice(before)
        .map((r) => (r.path.endsWith('/media') ? 'upload' : 'send')),
    ).toEqual(['send', 'send']);
    expect(graph.uploads.size).toBe(2);
  });

  it('Messenger: a file goes through the Attachment Upload API as a reusable attachment', async () => {
    const pdf = await upload('tarifs.pdf', PDF);
    await post(
      'messenger',
      messagingBody('page', [fromCustomer({ message: { mid: 'm_in1', text: 'Tarifs ?' } }, Date.now())]),
    );
    const thread = await onlyThread();
    valueOf(await send(thread.id, 'messenger-reply-with-a-file', [pdf.id]));
    const sent = await graph.waitForRequest(
      (r) => r.path.endsWith('/me/messages') && JSON.stringify(r.body).includes('attachment_id'),
    );
    const uploadRequest = posts().find((r) => r.path.endsWith('/me/message_attachments'))!;
    const form = uploadRequest.body as Record<string, unknown>;
    expect(JSON.parse(form.message as string)).toEqual({
      attachment: { type: 'file', payload: { is_reusable: true } },
    });
    expect((form.filedata as { filename: string }).filename).toBe('tarifs.pdf');
    expect(sent.body).toMatchObject({
      recipient: { id: PSID },
      messaging_type: 'RESPONSE',
      message: { attachment: { type: 'file', payload: { attachment_id: 'att_1' } } },
    });
  });

  it('a failed upload fails that file’s message with the provider’s words, and the text still goes', async () => {
    const image = await upload('plan.png', PNG);
    await post(
      'whatsapp',
      waMessage('text', { body: 'Un plan ?' }, { id: 'wamid.IN2', timestamp: String(Math.floor(Date.now() / 1000)) }),
    );
    const thread = await onlyThread();
    graph.failNext(
      1,
      400,
      { error: { message: '(#131053) Media upload error', type: 'OAuthException', code: 131053 } },
      { pathEndsWith: '/media' },
    );
    valueOf(await send(thread.id, 'reply-whose-upload-fails', [image.id]));
    const failed = await eventually(async () =>
      (await messagesOf(thread.id)).find((m) => m.content?.kind === 'media' && m.status === 'failed'),
    );
    expect(failed.error).toContain('Media upload error');
    const text = (await messagesOf(thread.id)).find((m) => m.text === 'Voici les documents');
    expect(text?.status).toBe('sent');
    expect(graph.uploads.size).toBe(0);
  });
});
