#!/usr/bin/env node
// Compares the reference runner's output with `orderlab replay`'s, many pairs in one process.
//
//   node scripts/lib/compare-outputs.js [--quiet] REFERENCE.json ORDERLAB.json [REFERENCE.json ORDERLAB.json ...]
//   node scripts/lib/compare-outputs.js [--quiet] --list FILE     # FILE: lines "LABEL<TAB>REFERENCE.json<TAB>ORDERLAB.json"
//
// REFERENCE.json is what `node run-reference.js handler-fixed.js EVENTS > REFERENCE.json` wrote,
// {"cache":{...},"published":[...],"errors":[...]}; ORDERLAB.json is `orderlab replay EVENTS`,
// {"cache":{...},"published":[...],"failures":[...]}. A pair agrees when the raw texts of the `cache` members are
// equal byte for byte, the raw texts of the `published` members too, the reference's `errors` is empty and
// orderlab's `failures` is empty. Members are cut out of the file text as written, never re-serialized, so key
// order, escapes and number forms count.
//
// Prints one line per pair, "LABEL: ok" or "LABEL: DIFF <short description>" (--quiet: only the DIFF lines), then
// "compare-outputs: N pairs, M differ". Exit status: 0 all agree, 1 some differ, 2 bad command line.
'use strict';
const fs = require('fs');

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

function skipWs(b, i) {
  while (i < b.length && WS.has(b[i])) i++;
  return i;
}

// End (exclusive) of the JSON string starting at b[i] === '"'.
function skipString(b, i) {
  for (i++; i < b.length; i++) {
    if (b[i] === 0x5c) i++;
    else if (b[i] === 0x22) return i + 1;
  }
  throw new Error('unterminated string');
}

// End (exclusive) of the JSON value starting at b[i]. Assumes the text is valid JSON (checked by JSON.parse first).
function skipValue(b, i) {
  const c = b[i];
  if (c === 0x22) return skipString(b, i);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    for (; i < b.length; i++) {
      const d = b[i];
      if (d === 0x22) i = skipString(b, i) - 1;
      else if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        if (--depth === 0) return i + 1;
      }
    }
    throw new Error('unterminated container');
  }
  while (i < b.length && !WS.has(b[i]) && b[i] !== 0x2c && b[i] !== 0x7d && b[i] !== 0x5d) i++;
  return i;
}

// The top-level object's members as {name: Buffer holding the member's raw value text}.
function rawMembers(b) {
  const out = {};
  let i = skipWs(b, 0);
  if (b[i] !== 0x7b) throw new Error('not a JSON object');
  i = skipWs(b, i + 1);
  if (b[i] === 0x7d) return out;
  for (;;) {
    const keyEnd = skipString(b, i);
    const name = JSON.parse(b.subarray(i, keyEnd).toString('utf8'));
    i = skipWs(b, keyEnd);
    if (b[i] !== 0x3a) throw new Error('expected ":"');
    i = skipWs(b, i + 1);
    const end = skipValue(b, i);
    out[name] = b.subarray(i, end);
    i = skipWs(b, end);
    if (b[i] === 0x7d) return out;
    if (b[i] !== 0x2c) throw new Error('expected "," or "}"');
    i = skipWs(b, i + 1);
  }
}

function load(file, listName) {
  let bytes;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { problem: `cannot read ${file}: ${e.code || e.message}` };
  }
  let parsed;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    return { problem: `${file} is not JSON (${bytes.length} bytes${bytes.length >= 65536 ? '; truncated by a pipe?' : ''}): ${e.message}` };
  }
  if (!parsed || typeof parsed !== 'object' || !parsed.cache || typeof parsed.cache !== 'object' ||
      !Array.isArray(parsed.published) || !Array.isArray(parsed[listName])) {
    return { problem: `${file} lacks cache, published or ${listName}` };
  }
  return { parsed, raw: rawMembers(bytes) };
}

function clip(s, n = 80) {
  s = typeof s === 'string' ? s : JSON.stringify(s);
  return s.length > n ? s.slice(0, n) + '…' : s;
}

// "at offset K: ref …xxx… vs orderlab …yyy…" around the first differing character.
function firstDifference(a, b) {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  const from = Math.max(0, k - 20);
  const show = s => JSON.stringify(s.slice(from, k + 40)) + (k >= s.length ? ' (ends)' : '');
  return `at char ${k}: ref ${show(a)} vs orderlab ${show(b)}`;
}

function describeCache(refRaw, olRaw, ref, ol) {
  const refKeys = Object.keys(ref);
  const olKeys = Object.keys(ol);
  const missing = refKeys.filter(k => !Object.prototype.hasOwnProperty.call(ol, k));
  const extra = olKeys.filter(k => !Object.prototype.hasOwnProperty.call(ref, k));
  const changed = refKeys.filter(k => Object.prototype.hasOwnProperty.call(ol, k) && ref[k] !== ol[k]);
  const parts = [];
  if (missing.length) parts.push(`${missing.length} key(s) only in reference (${missing.slice(0, 3).join(', ')})`);
  if (extra.length) parts.push(`${extra.length} key(s) only in orderlab (${extra.slice(0, 3).join(', ')})`);
  if (changed.length) {
    const k = changed[0];
    parts.push(`${changed.length} value(s) differ; first ${k} ${firstDifference(String(ref[k]), String(ol[k]))}`);
  }
  if (!parts.length) {
    parts.push(refKeys.join('\0') !== olKeys.join('\0') ? 'same entries, different key order'
      : 'same entries, different text ' + firstDifference(refRaw.toString('utf8'), olRaw.toString('utf8')));
  }
  return 'cache: ' + parts.join('; ');
}

function describePublished(refRaw, olRaw, ref, ol) {
  const n = Math.min(ref.length, ol.length);
  let i = 0;
  while (i < n && ref[i].topic === ol[i].topic && ref[i].value === ol[i].value) i++;
  let s = `published: reference ${ref.length}, orderlab ${ol.length} entries`;
  if (i < n) {
    const r = ref[i], o = ol[i];
    s += `; first difference at #${i}: ` + (r.topic !== o.topic
      ? `topic ${clip(r.topic)} vs ${clip(o.topic)}`
      : `topic ${clip(r.topic)} value ${firstDifference(String(r.value), String(o.value))}`);
  } else if (ref.length !== ol.length) {
    const longer = ref.length > ol.length ? ref : ol;
    s += `; ${ref.length > ol.length ? 'reference' : 'orderlab'} continues with ${clip(longer[n])}`;
  } else {
    s += '; same entries, different text ' + firstDifference(refRaw.toString('utf8'), olRaw.toString('utf8'));
  }
  return s;
}

function compare(refFile, olFile) {
  const ref = load(refFile, 'errors');
  const ol = load(olFile, 'failures');
  const problems = [ref.problem, ol.problem].filter(Boolean);
  if (problems.length) return problems;
  if (!ref.raw.cache.equals(ol.raw.cache)) {
    problems.push(describeCache(ref.raw.cache, ol.raw.cache, ref.parsed.cache, ol.parsed.cache));
  }
  if (!ref.raw.published.equals(ol.raw.published)) {
    problems.push(describePublished(ref.raw.published, ol.raw.published, ref.parsed.published, ol.parsed.published));
  }
  if (ref.parsed.errors.length) {
    problems.push(`reference errors: ${ref.parsed.errors.length}, first ${clip(String(ref.parsed.errors[0]).split('\n')[0], 160)}`);
  }
  if (ol.parsed.failures.length) {
    problems.push(`orderlab failures: ${ol.parsed.failures.length}, first ${clip(ol.parsed.failures[0], 160)}`);
  }
  return problems;
}

function usage(message) {
  process.stderr.write(`compare-outputs: ${message}\n` +
    'usage: compare-outputs.js [--quiet] REFERENCE.json ORDERLAB.json [...pairs]\n' +
    '       compare-outputs.js [--quiet] --list FILE   (lines: LABEL<TAB>REFERENCE.json<TAB>ORDERLAB.json)\n');
  process.exit(2);
}

const args = process.argv.slice(2);
let quiet = false;
const pairs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--quiet') quiet = true;
  else if (args[i] === '--list') {
    const file = args[++i];
    if (file === undefined) usage('--list wants a FILE');
    let text;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      usage(`cannot read ${file}: ${e.code || e.message}`);
    }
    for (const line of text.split('\n')) {
      if (!line) continue;
      const f = line.split('\t');
      if (f.length !== 3) usage(`${file}: want LABEL<TAB>REFERENCE<TAB>ORDERLAB, got ${clip(line)}`);
      pairs.push(f);
    }
  } else if (args[i].startsWith('--')) usage(`unknown option ${args[i]}`);
  else {
    if (args[i + 1] === undefined) usage(`${args[i]} has no ORDERLAB.json to pair with`);
    pairs.push([`${args[i]} vs ${args[i + 1]}`, args[i], args[i + 1]]);
    i++;
  }
}
if (!pairs.length) usage('no pairs given');

let differ = 0;
const lines = [];
for (const [label, refFile, olFile] of pairs) {
  const problems = compare(refFile, olFile);
  if (problems.length) {
    differ++;
    lines.push(`${label}: DIFF ${problems.join(' | ')}`);
  } else if (!quiet) {
    lines.push(`${label}: ok`);
  }
}
lines.push(`compare-outputs: ${pairs.length} pairs, ${differ} differ`);
fs.writeSync(1, lines.join('\n') + '\n');
process.exitCode = differ ? 1 : 0;
