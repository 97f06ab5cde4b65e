export * from './media-sniff';
export * from './media-storage';
export * from './media-library';
