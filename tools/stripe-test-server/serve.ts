// Runs the Stripe-compatible test server by hand, for trying online checkout with no internet
// and no Stripe account (docs/payments.md, "Without internet"):
//   npx tsx tools/stripe-test-server/serve.ts        # 127.0.0.1:12111, or STRIPE_TEST_SERVER_PORT
// then start the demo with the variables it prints. Its /pay/<session> page "pays" at once
// and sends the browser back to the receipt; the reconcile CLI, with the same variables, reads
// the resulting events and marks the order paid (no webhook needed).
import { startStripeTestServer } from './stripe-test-server';

const port = Number(process.env.STRIPE_TEST_SERVER_PORT || 12111);
if (!Number.isInteger(port) || port <= 0 || port >= 65536)
  throw new RangeError(`STRIPE_TEST_SERVER_PORT must be a port number, got ${process.env.STRIPE_TEST_SERVER_PORT}`);
const server = await startStripeTestServer({ port, payPage: true });
const vars = `STRIPE_API_HOST=127.0.0.1 STRIPE_API_PORT=${server.port} STRIPE_API_PROTOCOL=http STRIPE_SECRET_KEY=sk_test_local STRIPE_WEBHOOK_SECRET=whsec_local`;
console.log(`Stripe-compatible test server: ${server.url} (Ctrl-C to stop)`);
console.log(`Demo:      ${vars} npx -y pnpm@12.4.2 start`);
console.log(`Reconcile: ${vars} DATABASE_URL=file:examples/village-site/.data/village.sqlite npx -y pnpm@12.4.2 terroir reconcile --since-hours 1`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
