import type { CreatePaymentRequest, CreatedPayment, PaymentEvent, PaymentProvider, RefundTarget } from './provider';
import { WebhookSignatureError } from './provider';

/** The provider name stored on pay-at-pickup / pay-on-delivery orders and their events. */
export const OFFLINE_PROVIDER = 'offline';

/**
 * Pay on collection or on delivery: cash, or a WeChat/Alipay transfer at the stall. No
 * money moves through Terroir and nothing is called over the network:
 * - `createPayment` sends the shopper straight to the receipt page (which shows the pickup code);
 * - the payment is confirmed by staff collecting the order with its pickup code
 *   ({@link collectPickupOrder}), which applies a `payment_succeeded` event through the same
 *   `applyPaymentEvent` as the Stripe webhook;
 * - `refund` records a cash refund handed over by staff (see {@link recordCashRefund}).
 *
 * @example
 * const offline = new OfflinePaymentProvider();
 * app.route('/', checkoutRoutes({ database, payments: stripe, offlinePayments: offline, publicBaseUrl }));
 */
export class OfflinePaymentProvider implements PaymentProvider {
  readonly name = OFFLINE_PROVIDER;

  async createPayment(request: CreatePaymentRequest): Promise<CreatedPayment> {
    // The receipt page is where the shopper goes: it shows the pickup code and its QR.
    return { redirectUrl: request.successUrl, providerRef: `offline_${request.orderId}`, expiresAt: request.expiresAt };
  }

  /** There are no offline webhooks: every call is refused (answer 400, change nothing). */
  async verifyWebhook(_rawBody: string, _headers: Headers): Promise<PaymentEvent | null> {
    throw new WebhookSignatureError('The offline provider receives no webhooks.');
  }

  /** A cash refund: nothing to call; the reference names the order and the key. */
  async refund(order: RefundTarget, _amountMinor: number, idempotencyKey: string): Promise<{ refundRef: string; status: string }> {
    return { refundRef: `cash_${order.orderId}_${idempotencyKey}`.slice(0, 200), status: 'succeeded' };
  }
}
