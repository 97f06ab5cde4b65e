export * from './media-sniff';
export * from './media-storage';
export * from './media-library';
export * from './s3-storage';
export * from './cached-storage';
export * from './media-duration';
