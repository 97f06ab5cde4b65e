export * from './roles';
export * from './password';
export * from './secret-tokens';
export * from './accounts';
export * from './login-throttle';
export * from './audit-log';
export * from './invitations';
export * from './two-factor';
