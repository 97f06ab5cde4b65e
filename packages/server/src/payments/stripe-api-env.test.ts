import { describe, expect, it } from 'vitest';
import { stripeApiFromEnv } from './stripe-provider';

describe('stripeApiFromEnv', () => {
  it('is empty without the variables (api.stripe.com)', () => {
    expect(stripeApiFromEnv({})).toEqual({});
  });
  it('reads host, port and protocol for a local Stripe-compatible server', () => {
    expect(stripeApiFromEnv({ STRIPE_API_HOST: '127.0.0.1', STRIPE_API_PORT: '12111', STRIPE_API_PROTOCOL: 'http' })).toEqual({
      host: '127.0.0.1',
      port: 12111,
      protocol: 'http',
    });
  });
  it('names the variable when a value is malformed', () => {
    expect(() => stripeApiFromEnv({ STRIPE_API_PORT: 'eighty' })).toThrow(/STRIPE_API_PORT/);
    expect(() => stripeApiFromEnv({ STRIPE_API_PORT: '70000' })).toThrow(/STRIPE_API_PORT/);
    expect(() => stripeApiFromEnv({ STRIPE_API_PROTOCOL: 'ftp' })).toThrow(/STRIPE_API_PROTOCOL/);
  });
});
