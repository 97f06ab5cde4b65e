// The payments module: the provider interface every payment integration implements.
export * from './provider';
export * from './offline-provider';
