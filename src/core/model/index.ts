export * from './channel';
export * from './contact';
export * from './agent';
export * from './message';
export * from './thread';
export * from './commerce';
export * from './content';
export * from './window';
