/**
 * A second process for the cluster-limit tests: opens the SQLite store in the data directory given
 * on the command line, waits for "go" on stdin (so both processes start taking at once), takes
 * tokens from one bucket as fast as it can and prints how many it was given, and when it took the
 * first and the last (epoch ms), so the test can see that the two really overlapped.
 * Usage: tsx takeTokensProcess.ts DATA_DIR KEY ATTEMPTS CAPACITY
 */
import { openSqliteStore } from '../../gateway/store/sqlite/openSqliteStore.ts';

const [dataDir = '', key = '', attempts = '0', capacity = '0'] = process.argv.slice(2);
const store = openSqliteStore(dataDir);
process.stdout.write('ready\n');
await new Promise<void>((go) => process.stdin.once('data', () => go()));
let admitted = 0;
const from = Date.now();
// Refills one token a minute: within the test's second nothing comes back.
for (let i = 0; i < Number(attempts); i++) if ((await store.limits.takeToken(key, Number(capacity), 1 / 60_000, Date.now())) === 0) admitted += 1;
const to = Date.now();
await store.close();
process.stdout.write(`admitted ${admitted} ${from} ${to}\n`);
process.exit(0);
