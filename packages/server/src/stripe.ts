// Stripe lives in its own entry so a site without card payments never loads the `stripe` package.
export {
  StripeProvider,
  createStripeClient,
  stripeApiFromEnv,
  STRIPE_WEBHOOK_EVENTS,
  STRIPE_LOCALES,
  type StripeProviderOptions,
  type StripeClientOptions,
} from './payments/stripe-provider';
