// The locale module: zh-CN and en, negotiation and fallback.
export * from './locale';
