export * from './schema';
export * from './compile';
export * from './run';
