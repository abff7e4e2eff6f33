import { describe, expect, it } from 'vitest';
import { SOCKET_PATH } from '../../../src/core';
import { LIVE_PATHS, routeFor } from '../../../src/renderer/sw/routes';

const scope = 'http://127.0.0.1:8787/';
const shell = new Set(['index.html', 'assets/index-AbC123.js', 'assets/index-XyZ789.css']);
const get = (path: string, mode = 'cors') => ({ url: new URL(path, scope).href, method: 'GET', mode });

describe('routeFor', () => {
  it('opens any page of the app from the network first, the shell as fallback', () => {
    expect(routeFor(get('/', 'navigate'), scope, shell)).toEqual({ kind: 'navigate' });
    expect(routeFor(get('/?x=1', 'navigate'), scope, shell)).toEqual({ kind: 'navigate' });
    expect(routeFor(get('/inbox/th_1', 'navigate'), scope, shell)).toEqual({ kind: 'navigate' });
  });

  it('serves hashed assets from the cache, and keeps any it has not seen', () => {
    expect(routeFor(get('/assets/index-AbC123.js'), scope, shell)).toEqual({ kind: 'shell', immutable: true });
    expect(routeFor(get('/assets/index-New000.js'), scope, shell)).toEqual({ kind: 'shell', immutable: true });
    expect(routeFor(get('/index.html'), scope, shell)).toEqual({ kind: 'shell', immutable: false });
  });

  it('never answers the API or socket.io, even as a page load', () => {
    for (const path of ['/api', '/api/threads', '/api/threads/th_1/messages', '/socket.io/?EIO=4&transport=polling']) {
      expect(routeFor(get(path), scope, shell)).toEqual({ kind: 'network', reason: 'live data' });
      expect(routeFor(get(path, 'navigate'), scope, shell)).toEqual({ kind: 'network', reason: 'live data' });
    }
  });

  it('knows the same live paths as the gateway', () => {
    expect(LIVE_PATHS).toContain(SOCKET_PATH.replace(/^\//, ''));
    expect(LIVE_PATHS).toContain('api');
  });

  it('leaves writes, other origins, other folders and unknown files to the network', () => {
    expect(routeFor({ ...get('/index.html'), method: 'POST' }, scope, shell)).toEqual({
      kind: 'network',
      reason: 'not a GET',
    });
    expect(routeFor(get('https://cdn.example.com/assets/x.js'), scope, shell)).toMatchObject({
      reason: 'another origin',
    });
    expect(routeFor(get('/other/', 'navigate'), 'http://127.0.0.1:8787/app/', shell)).toMatchObject({
      reason: 'outside the scope',
    });
    expect(routeFor(get('/favicon.ico'), scope, shell)).toMatchObject({ reason: 'not in the shell' });
    expect(routeFor(get('/assets/'), scope, shell)).toMatchObject({ reason: 'not in the shell' });
    // A look-alike of the API is just a file name.
    expect(routeFor(get('/apiary.js'), scope, shell)).toMatchObject({ reason: 'not in the shell' });
  });

  it('resolves the shell against a scope below the root', () => {
    const below = 'http://shop.example/comptoir/';
    expect(routeFor(get('http://shop.example/comptoir/assets/a-1.js'), below, shell)).toMatchObject({ kind: 'shell' });
    expect(routeFor(get('http://shop.example/comptoir/api/threads'), below, shell)).toMatchObject({
      reason: 'live data',
    });
  });
});
