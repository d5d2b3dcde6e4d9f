/**
 * The API baseline: a bare Fastify route returning a constant, nothing else (no auth, no store, no
 * validation). Prints its port on stdout. Runs in its own process like the real server.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
const body = { status: 'ok' };
app.get('/', () => body);
app.post('/', () => body);
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${new URL(address).port}\n`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
