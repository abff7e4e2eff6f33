export * from './features';
export * from './classifier';
export * from './serialize';
export * from './default-model';
export * from './urgency';
