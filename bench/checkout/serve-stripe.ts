// Child process of bench/checkout/run.ts: the local Stripe test server, on its own event loop.
import { startStripeTestServer } from '@terroir/stripe-test-server';

const server = await startStripeTestServer();
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
