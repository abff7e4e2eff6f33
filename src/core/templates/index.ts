export * from './model';
export * from './language';
export * from './search';
export * from './whatsapp';
export * from './attachments';
