export * from './detect';
export * from './phone';
export * from './updates';
