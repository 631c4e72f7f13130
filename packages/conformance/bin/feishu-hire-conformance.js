#!/usr/bin/env node
// feishu-hire-conformance: run the spec-generated conformance cases (see --help).
import { main } from '../src/cli.js';

process.exitCode = await main(process.argv.slice(2));
