#!/usr/bin/env node
// feishu-hire-import: validate, plan, apply and report an import into Feishu Hire (see --help).
import { main } from '../src/cli.js';

const controller = new AbortController();
// The first SIGINT/SIGTERM stops the apply between records (the answers in flight are journalled, the reports
// written); a second one ends the process at once, which the journal survives like any kill.
let signals = 0;
for (const name of ['SIGINT', 'SIGTERM']) {
  process.on(name, () => {
    if (++signals > 1) process.exit(130);
    controller.abort();
  });
}
process.exitCode = await main(process.argv.slice(2), { signal: controller.signal });
