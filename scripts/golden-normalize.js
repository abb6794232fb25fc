#!/usr/bin/env node
// Reads the JSON line that the reference's run-reference.js prints on stdin and writes expected.json's one line:
// {"cache":{...},"published":[...],"errors":[...]}, cache and published exactly as printed (JSON.parse + JSON.stringify
// is lossless for this output: every value is a string), each error reduced to the first line of its stack.
// Used by scripts/make-golden.
'use strict';
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', d => { input += d; });
process.stdin.on('end', () => {
  const out = JSON.parse(input);
  if (!out || typeof out.cache !== 'object' || !Array.isArray(out.published) || !Array.isArray(out.errors)) {
    throw new Error('unexpected reference output: ' + input.slice(0, 200));
  }
  const errors = out.errors.map(e => String(e).split('\n')[0]);
  process.stdout.write(JSON.stringify({ cache: out.cache, published: out.published, errors }) + '\n');
});
