import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { PaymentProviderError, WebhookSignatureError } from '@terroir/core';
import fixtures from '@terroir/stripe-test-server/fixtures.json' with { type: 'json' };
import { StripeProvider, createStripeClient } from './stripe-provider';

// No network here: these check the mapping both ways. The HTTP path is covered by the checkout tests.
const provider = new StripeProvider({ stripe: createStripeClient({ secretKey: 'sk_test_unit', maxNetworkRetries: 0 }), webhookSecret: 'whsec_unit' });

const request = {
  orderId: 'ord_1',
  orderToken: 't'.repeat(32),
  cooperativeId: 'coop_1',
  idempotencyKey: 'terroir-order-ord_1',
  currency: 'CNY',
  lines: [{ name: 'Pears', unitAmountMinor: 6800, quantity: 2 }],
  totalMinor: 13600,
  locale: 'en' as const,
  methods: ['card' as const],
  successUrl: 'https://x/ok',
  cancelUrl: 'https://x/cancel',
  expiresAt: new Date('2026-11-28T10:31:00Z'),
};

function event(type: string, object: object) {
  return { ...structuredClone(fixtures.resources.event), id: `evt_${type}`, type, data: { object } } as unknown as Stripe.Event;
}

describe('StripeProvider', () => {
  it('builds session parameters from our prices and the order', () => {
    const params = provider.sessionParams(request);
    expect(params).toMatchObject({
      mode: 'payment',
      locale: 'en',
      allowed_payment_method_types: ['card'],
      expires_at: Math.floor(Date.parse('2026-11-28T10:31:00Z') / 1000),
      client_reference_id: 'ord_1',
      metadata: { order_id: 'ord_1', cooperative_id: 'coop_1' },
    });
    expect(params.line_items).toEqual([{ quantity: 2, price_data: { currency: 'cny', unit_amount: 6800, product_data: { name: 'Pears' } } }]);
    expect(params.payment_method_options).toBeUndefined();
    expect(provider.sessionParams({ ...request, locale: 'zh-CN', methods: ['card', 'wechat_pay'] })).toMatchObject({
      locale: 'zh',
      payment_method_options: { wechat_pay: { client: 'web' } },
    });
  });

  it('refuses line items that do not add up to the order total', () => {
    expect(() => provider.sessionParams({ ...request, totalMinor: 13601 })).toThrow(PaymentProviderError);
  });

  it('maps Checkout Session and refund events onto payment events', () => {
    const session = {
      ...fixtures.resources['checkout.session'],
      id: 'cs_1',
      metadata: { order_id: 'ord_1' },
      payment_intent: 'pi_1',
      amount_total: 13600,
      currency: 'cny',
    };
    expect(provider.normalize(event('checkout.session.completed', { ...session, payment_status: 'paid' }))).toMatchObject({
      kind: 'payment_succeeded',
      orderId: 'ord_1',
      sessionRef: 'cs_1',
      paymentRef: 'pi_1',
      amountMinor: 13600,
      provider: 'stripe',
    });
    expect(provider.normalize(event('checkout.session.completed', { ...session, payment_status: 'unpaid' }))?.kind).toBe('payment_pending');
    expect(provider.normalize(event('checkout.session.async_payment_succeeded', { ...session, payment_status: 'paid' }))?.kind).toBe('payment_succeeded');
    expect(provider.normalize(event('checkout.session.async_payment_failed', session))?.kind).toBe('payment_failed');
    expect(provider.normalize(event('checkout.session.expired', session))?.kind).toBe('session_expired');
    expect(provider.normalize(event('charge.refunded', { ...fixtures.resources.charge, payment_intent: 'pi_1', amount_refunded: 5000 }))).toMatchObject({
      kind: 'refund_updated',
      paymentRef: 'pi_1',
      amountRefundedMinor: 5000,
    });
    expect(provider.normalize(event('plan.created', fixtures.resources.event.data.object))).toBeNull();
  });

  it('verifies signatures before reading the body', async () => {
    const payload = JSON.stringify(event('checkout.session.expired', { ...fixtures.resources['checkout.session'], id: 'cs_2' }));
    const good = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_unit' });
    expect((await provider.verifyWebhook(payload, new Headers({ 'stripe-signature': good })))?.kind).toBe('session_expired');
    await expect(provider.verifyWebhook(payload, new Headers())).rejects.toThrow(WebhookSignatureError);
    await expect(provider.verifyWebhook(`${payload} `, new Headers({ 'stripe-signature': good }))).rejects.toThrow(WebhookSignatureError);
    const other = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_other' });
    await expect(provider.verifyWebhook(payload, new Headers({ 'stripe-signature': other }))).rejects.toThrow(WebhookSignatureError);
  });
});
