export * from './tokenize';
export * from './language';
