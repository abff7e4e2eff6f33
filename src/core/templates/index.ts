export * from './model';
export * from './language';
export * from './search';
