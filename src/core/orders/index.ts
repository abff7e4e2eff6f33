export * from './detect';
export * from './phone';
