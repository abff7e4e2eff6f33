export * from './result';
export * from './model';
export * from './sync/events';
export * from './sync/replica';
export * from './sync/protocol';
export * from './demo/shop';
export * from './ipc/contract';
