import { createGraphHttp, type GraphHttp, type GraphHttpOptions } from './graph-http';
import {
  instagramApi,
  messengerApi,
  type InstagramConfig,
  type MessengerConfig,
  type MetaMessagingApi,
} from './graph-messenger';
import { whatsappApi, type WhatsAppApi, type WhatsAppConfig } from './graph-whatsapp';

export type { GraphFailure, GraphHttpOptions, SendOutcome } from './graph-http';
export { DEFAULT_GRAPH_BASE, DEFAULT_GRAPH_VERSION } from './graph-http';
export type { MediaFetchOptions, MediaOutcome } from './graph-media';
export { MAX_MEDIA_BYTES } from './graph-media';
export type { InstagramConfig, MessengerConfig, MetaMessagingApi, MetaSendOptions } from './graph-messenger';
export type { TemplatesOutcome, WhatsAppApi, WhatsAppConfig } from './graph-whatsapp';

export type GraphClientOptions = GraphHttpOptions;

/**
 * The outbound side of Meta's channels. One client per gateway (it holds the transport settings, never a
 * token); each channel account gets its API from it with its own token.
 */
export interface GraphClient {
  /** The transport itself, for a plain download (a Messenger CDN attachment needs no token). */
  http: GraphHttp;
  whatsapp(config: WhatsAppConfig): WhatsAppApi;
  messenger(config: MessengerConfig): MetaMessagingApi;
  instagram(config: InstagramConfig): MetaMessagingApi;
}

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const http = createGraphHttp(options);
  return {
    http,
    whatsapp: (config) => whatsappApi(http, config),
    messenger: (config) => messengerApi(http, config),
    instagram: (config) => instagramApi(http, config),
  };
}
