// The cooperatives module: a village's shop and its settings (table `cooperatives`).
export * from './cooperatives';
export { cooperativeFromRow, FALLBACK_DEFAULT_LOCALE } from './cooperative-mappers';
export * from './allowed-origins';
