#!/usr/bin/env node
'use strict';
// Node 22.1+ caches compiled code itself (the CLI does it by hand on older Node: server/src/cli/compile-cache.ts).
const m = require('node:module');
if (typeof m.enableCompileCache === 'function') {
  try {
    m.enableCompileCache();
  } catch {
    // No cache: slower start, same results.
  }
}
const { main } = require('../dist/cli.js');
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
