// `node --import ./test/jobs/support/ts-register.mjs src/cli/main.ts serve` runs the server from source.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
