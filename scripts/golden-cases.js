#!/usr/bin/env node
// Writes the golden test inputs tests/data/<case>/events.jsonl (one Lambda DynamoDB stream event per line)
// and tests/data/README.md, deterministically (same output on every run).
//   node scripts/golden-cases.js
// Then scripts/make-golden runs the JavaScript reference handler over each events.jsonl and writes expected.json.
//
// Records follow docs/stream-and-mapping.md ("Record format"): keys in the documented order, 32-hex eventID,
// eventVersion "1.1", 21-digit strictly increasing (non-contiguous) SequenceNumber, SizeBytes by the documented rule,
// StreamViewType NEW_AND_OLD_IMAGES. Attribute and map-key order in the event text is exactly the order written
// here (maps are built from [key, value] pairs, never from JavaScript objects, so integer-like keys keep their place).
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const DATA = path.join(__dirname, '..', 'tests', 'data');

// ---- event-text model -------------------------------------------------------------------------------------------
class OMap { constructor(pairs) { this.pairs = pairs; } }      // a JSON object with keys in exactly this order
class Raw { constructor(text) { this.text = text; } }          // literal JSON text, emitted as is
const om = pairs => new OMap(pairs);
const raw = text => new Raw(text);
function ser(v) {
  if (v instanceof Raw) return v.text;
  if (v instanceof OMap) return '{' + v.pairs.map(([k, x]) => (k instanceof Raw ? k.text : JSON.stringify(k)) + ':' + ser(x)).join(',') + '}';
  if (Array.isArray(v)) return '[' + v.map(ser).join(',') + ']';
  if (v !== null && typeof v === 'object') return '{' + Object.entries(v).map(([k, x]) => JSON.stringify(k) + ':' + ser(x)).join(',') + '}';
  return JSON.stringify(v); // strings: lone surrogates as \udXXX, U+2028 raw, controls escaped
}

// AttributeValue helpers
const S = s => om([['S', s]]);
const N = s => om([['N', String(s)]]);
const B = s => om([['B', s]]);
const BOOL = b => om([['BOOL', b]]);
const NUL = () => om([['NULL', true]]);
const L = (...xs) => om([['L', xs]]);
const M = pairs => om([['M', om(pairs)]]);              // pairs: [[key, av], ...]
const SS = (...xs) => om([['SS', xs]]);
const NS = (...xs) => om([['NS', xs]]);
const BS = (...xs) => om([['BS', xs]]);
const AV = pairs => om(pairs);                           // arbitrary attribute value object

// ---- SizeBytes (docs/stream-and-mapping.md, "SizeBytes"; tolerant of values DynamoDB cannot produce) ----------
const utf8 = s => Buffer.byteLength(s, 'utf8');
function numSize(n) {
  if (typeof n !== 'string') return 0;
  const s = n.replace(/^[-+]/, '');
  const [ip, fp = ''] = s.split(/[eE]/)[0].split('.');
  const digits = (ip + fp).replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil((digits.length || 1) / 2) + 1;
}
const b64len = s => (typeof s === 'string' ? Buffer.from(s, 'base64').length : 0);
function valueSize(av) {
  if (av === null || typeof av !== 'object') return 0;
  const first = Object.entries(av)[0];
  if (!first) return 0;
  const [t, v] = first;
  const arr = Array.isArray(v) ? v : [];
  switch (t) {
    case 'S': return typeof v === 'string' ? utf8(v) : 0;
    case 'N': return numSize(v);
    case 'B': return b64len(v);
    case 'BOOL': case 'NULL': return 1;
    case 'SS': return arr.reduce((a, x) => a + (typeof x === 'string' ? utf8(x) : 0), 0);
    case 'NS': return arr.reduce((a, x) => a + numSize(x), 0);
    case 'BS': return arr.reduce((a, x) => a + b64len(x), 0);
    case 'L': return 3 + arr.reduce((a, x) => a + 1 + valueSize(x), 0);
    case 'M': return 3 + (v && typeof v === 'object' ? Object.entries(v) : []).reduce((a, [k, x]) => a + 1 + utf8(k) + valueSize(x), 0);
  }
  return 0;
}
const imageSize = img => (img && typeof img === 'object' ? Object.entries(img).reduce((a, [k, v]) => a + utf8(k) + valueSize(v), 0) : 0);

// ---- orders -----------------------------------------------------------------------------------------------------
const DEFAULT_ITEMS = L(M([['name', S('margherita')], ['size', S('L')], ['price', N('12.5')], ['toppings', L(S('basil'), S('mozzarella'))]]));
const ATTR_ORDER = ['status', 'creator', 'pk', 'createdAt', 'numItems', 'lastUpdated', 'items'];
let orderCounter = 0;
// order(pk, creator, status, over): an image. over: {attr: AV | plain string (S) | number (N) | undefined (omit)};
// over.$extra: [[name, av], ...] appended; over.$only: exact pairs (nothing else).
function order(pk, creator, status, over = {}) {
  if (over.$only) return om(over.$only);
  orderCounter++;
  const base = {
    status: status === undefined ? undefined : status,
    creator: creator === undefined ? undefined : creator,
    pk: pk === undefined ? undefined : pk,
    createdAt: '2024-11-24T12:' + String(orderCounter % 60).padStart(2, '0') + ':00.000Z',
    numItems: N('1'),
    lastUpdated: undefined,
    items: DEFAULT_ITEMS,
  };
  for (const k of Object.keys(over)) if (!k.startsWith('$')) base[k] = over[k];
  const pairs = [];
  for (const k of ATTR_ORDER) {
    let v = base[k];
    if (v === undefined) continue;
    if (typeof v === 'string') v = S(v); else if (typeof v === 'number') v = N(String(v));
    pairs.push([k, v]);
  }
  for (const [k, v] of over.$extra || []) pairs.push([k, v]);
  return om(pairs);
}
// The same image with some attributes replaced/added/removed (keeps attribute order).
function withAttrs(img, changes) {
  const pairs = img.pairs.map(([k, v]) => [k, v]);
  for (const [k, v] of Object.entries(changes)) {
    const i = pairs.findIndex(p => p[0] === k);
    const av = typeof v === 'string' ? S(v) : typeof v === 'number' ? N(String(v)) : v;
    if (v === undefined) { if (i >= 0) pairs.splice(i, 1); } else if (i >= 0) pairs[i] = [k, av]; else pairs.push([k, av]);
  }
  return om(pairs);
}

// ---- records and events -----------------------------------------------------------------------------------------
class Ctx {
  constructor(name) { this.name = name; this.n = 0; this.seq = 100000000000000000001n; this.time = 1732449600; }
  next() {
    const n = this.n++;
    if (n > 0) this.seq += 1000n + BigInt((n * 37) % 89);
    if (n > 0 && n % 3 === 0) this.time += 1;
    return { eventID: crypto.createHash('md5').update(this.name + ':' + n).digest('hex'), seq: this.seq.toString(), time: this.time };
  }
}
// rec(name, {new, old, keys}) -> record descriptor, rendered later with the case's Ctx.
function rec(eventName, { newImage, oldImage, keys } = {}) { return { eventName, newImage, oldImage, keys }; }
const INS = (img, o = {}) => rec('INSERT', { newImage: img, ...o });
const MOD = (img, old, o = {}) => rec('MODIFY', { newImage: img, oldImage: old, ...o });
const REM = (old, o = {}) => rec('REMOVE', { oldImage: old, ...o });

function keysOf(r) {
  if (r.keys) return r.keys;
  const img = r.newImage instanceof OMap ? r.newImage : r.oldImage instanceof OMap ? r.oldImage : null;
  const pk = img && img.pairs.find(p => p[0] === 'pk');
  return om(pk ? [['pk', pk[1]]] : []);
}
function renderRecord(ctx, r) {
  const { eventID, seq, time } = ctx.next();
  const keys = keysOf(r);
  const parts = [['ApproximateCreationDateTime', time], ['Keys', keys]];
  if (r.newImage !== undefined) parts.push(['NewImage', r.newImage]);
  if (r.oldImage !== undefined) parts.push(['OldImage', r.oldImage]);
  let size = 0;
  for (const [k, v] of parts) if (k !== 'ApproximateCreationDateTime') size += imageSize(JSON.parse(ser(v)));
  parts.push(['SequenceNumber', seq], ['SizeBytes', Math.max(1, size)], ['StreamViewType', 'NEW_AND_OLD_IMAGES']);
  return ser(om([
    ['eventID', eventID], ['eventName', r.eventName], ['eventVersion', '1.1'], ['eventSource', 'aws:dynamodb'],
    ['awsRegion', 'us-east-1'], ['dynamodb', om(parts)],
    ['eventSourceARN', 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2024-11-24T00:00:00.000'],
  ]));
}

// ---- cases ------------------------------------------------------------------------------------------------------
const CASES = [];
// events: array of events, each an array of records
function kase(name, desc, events) { CASES.push({ name, desc, events }); }

const items = (...xs) => ({ items: L(...xs) });
const itemsM = pairs => ({ items: L(M(pairs)) });

// --- event kinds
{
  const o1 = order('ord-1', 'alice', 'PREPARING');
  kase('basic-insert', 'one INSERT: the order view, ADMIN view, all-orders and creator arrays, new-order publish', [[INS(o1)]]);
}
{
  const o = order('ord-1', 'alice', 'PREPARING');
  const o2 = withAttrs(o, { status: 'BAKING', lastUpdated: '2024-11-24T12:05:00.000Z' });
  const o3 = withAttrs(o2, { lastUpdated: '2024-11-24T12:06:00.000Z', numItems: N('2'), items: L(M([['name', S('margherita')]]), M([['name', S('diavola')]])) });
  kase('lifecycle-insert-modify-remove', 'INSERT, MODIFY with a status change, MODIFY with the same status, REMOVE, one record per event',
    [[INS(o)], [MOD(o2, o)], [MOD(o3, o2)], [REM(o3)]]);
}
{
  const a = order('ord-a', 'alice', 'PREPARING'), b = order('ord-b', 'bob', 'PREPARING'), c = order('ord-c', 'alice', 'PREPARING');
  kase('multiple-records-one-event', 'three INSERTs of two creators in one event: arrays newest first', [[INS(a), INS(b), INS(c)]]);
}
{
  const o = order('ord-1', 'alice', 'BAKING');
  const o2 = withAttrs(o, { lastUpdated: '2024-11-24T12:10:00.000Z', items: L(M([['name', S('quattro formaggi')], ['price', N('14')]])) });
  kase('modify-same-status', 'MODIFY whose status equals the old one: <id>-updated', [[INS(o)], [MOD(o2, o)]]);
}
{
  const o = order('ord-1', 'alice', 'PREPARING');
  const o2 = withAttrs(o, { status: 'OUT_FOR_DELIVERY', lastUpdated: '2024-11-24T12:20:00.000Z' });
  kase('modify-status-changed', 'MODIFY whose status differs: <id>-status-updated with the new status', [[INS(o)], [MOD(o2, o)]]);
}
{
  // each pair: [new status AV or undefined, old status AV or undefined]
  const pairs = [
    ['n1-vs-s1', N('1'), S('1')], ['s1.0-vs-n1', S('1.0'), N('1')], ['s-space1-vs-n1', S(' 1 '), N('1')],
    ['sempty-vs-n0', S(''), N('0')], ['null-vs-missing', NUL(), undefined], ['missing-vs-missing', undefined, undefined],
    ['null-vs-false', NUL(), BOOL(false)], ['true-vs-n1', BOOL(true), N('1')], ['true-vs-s1', BOOL(true), S('1')],
    ['list-vs-s', L(S('a')), S('a')], ['map-vs-objstr', M([]), S('[object Object]')], ['ss-vs-same-ss', SS('a'), SS('a')],
    ['ss-vs-setstr', SS('a'), S('[object Set]')], ['nan-vs-nan', N('abc'), N('abc')], ['s-vs-old-bigint', S('9007199254740993'), N('9007199254740993')],
    ['s-vs-old-bigint-other', S('9007199254740992'), N('9007199254740993')], ['s-case', S('baking'), S('BAKING')], ['n-vs-n-equal', N('2.50'), N('2.5')],
  ];
  const recs = pairs.map(([id, nw, old]) => MOD(order('loose-' + id, 'alice', nw), order('loose-' + id, 'alice', old)));
  kase('modify-status-loose-equality', 'MODIFY status compared with JavaScript ==: "1"==1, null==undefined, [\"a\"]=="a", sets never equal, NaN, old BigInt vs string',
    [recs]);
}
{
  const a = order('ord-a', 'alice', 'PREPARING'), b = order('ord-b', 'bob', 'PREPARING');
  kase('remove-last-order-of-creator', 'REMOVE of a creator\'s only order: creator array written back as []', [[INS(a), INS(b)], [REM(b)]]);
}
{
  const os = ['ord-1', 'ord-2', 'ord-3', 'ord-4'].map((id, i) => order(id, i % 2 ? 'bob' : 'alice', 'PREPARING'));
  kase('remove-all-orders', 'INSERT four orders then REMOVE them all (mixed order): all-orders and creator arrays end as []',
    [os.map(o => INS(o)), [REM(os[1]), REM(os[0])], [REM(os[3]), REM(os[2])]]);
}
{
  const a = order('ord-a', 'alice', 'PREPARING');
  kase('remove-order-not-in-arrays', 'REMOVE of orders never inserted: arrays that exist are written back unchanged, missing arrays stay missing',
    [[INS(a)], [REM(order('ghost-1', 'alice', 'PREPARING')), REM(order('ghost-2', 'nobody', 'PREPARING'))]]);
}
{
  const a = order('ord-a', 'alice', 'PREPARING');
  kase('remove-then-reinsert', 'REMOVE then INSERT of the same id: the order comes back at the front of the arrays',
    [[INS(a), INS(order('ord-b', 'alice', 'PREPARING'))], [REM(a)], [INS(withAttrs(a, { status: 'RE-PLACED' }))]]);
}
{
  kase('remove-without-old-image', 'REMOVE without OldImage: unmarshall(undefined) throws; later events still run',
    [[INS(order('ord-a', 'alice', 'PREPARING'))], [rec('REMOVE', { keys: om([['pk', S('ord-a')]]) })], [INS(order('ord-b', 'alice', 'PREPARING'))]]);
}
{
  kase('insert-missing-new-image', 'INSERT without NewImage: Error: No value defined: {}; the rest of the batch is skipped, the next event runs',
    [[INS(order('ord-a', 'alice', 'PREPARING')), rec('INSERT', { keys: om([['pk', S('ord-b')]]) }), INS(order('ord-c', 'alice', 'PREPARING'))],
      [INS(order('ord-d', 'alice', 'PREPARING'))]]);
}
{
  const a = order('ord-a', 'alice', 'PREPARING');
  kase('unknown-event-name', 'records whose eventName is not INSERT/MODIFY/REMOVE are ignored; an event with no records does nothing',
    [[rec('UPDATE', { newImage: a, oldImage: a }), rec('insert', { newImage: a }), rec('', { newImage: a }), INS(order('ord-b', 'bob', 'PREPARING'))], [], [rec('DELETE', { oldImage: a })]]);
}
{
  kase('modify-unknown-order', 'MODIFY of an order not in the cache: views written, summary put first in both arrays',
    [[INS(order('ord-a', 'alice', 'PREPARING'))], [MOD(order('ord-z', 'alice', 'BAKING'), order('ord-z', 'alice', 'PREPARING'))]]);
}

// --- arrays: in-place updates, spread
{
  const os = ['ord-1', 'ord-2', 'ord-3'].map(id => order(id, 'alice', 'PREPARING'));
  const statuses = ['BAKING', 'BAKING', 'QUALITY_CHECK', 'OUT_FOR_DELIVERY', 'DELIVERED'];
  const ev = [os.map(o => INS(o))];
  let prev = os[1];
  statuses.forEach((st, i) => {
    const nx = withAttrs(prev, { status: st, lastUpdated: '2024-11-24T13:0' + i + ':00.000Z', numItems: N(String(i + 1)) });
    ev.push([MOD(nx, prev)]);
    prev = nx;
  });
  const twice = withAttrs(prev, { lastUpdated: '2024-11-24T13:30:00.000Z' });
  ev.push([MOD(twice, prev), MOD(withAttrs(twice, { status: 'DONE' }), twice)]);
  kase('repeated-modify-in-place', 'five MODIFYs of the middle order (and two more in one event): it is updated in place, never duplicated', ev);
}
{
  // first written without status, with lastUpdated; later MODIFY adds status, drops lastUpdated, has numItems of another type
  const o = order('ord-1', 'alice', undefined, { lastUpdated: '2024-11-24T12:01:00.000Z' });
  const o2 = withAttrs(o, { status: 'BAKING', lastUpdated: undefined });
  const o3 = withAttrs(o2, { lastUpdated: S(''), numItems: S('two') });
  kase('modify-spread-keeps-old-keys', 'array entries merge by object spread: a key missing from the new summary (lastUpdated, falsy) keeps its old value, a new key (status) goes last',
    [[INS(o)], [MOD(o2, o)], [MOD(o3, o2)]]);
}
{
  kase('pk-number-vs-string', 'pk N 1 and pk S "1" share the cache key "1" and match each other in the arrays (==); REMOVE by the other type',
    [[INS(order(N('1'), 'alice', 'PREPARING')), INS(order('1', 'alice', 'BAKING'))], [REM(order(N('1'), 'alice', 'BAKING'))]]);
}

// --- batches
{
  const creators = ['alice', 'bob', 'carol', 'dave', 'erin'];
  const os = [];
  for (let i = 0; i < 150; i++) os.push(order('bulk-' + String(i).padStart(3, '0'), creators[i % 5], 'PREPARING', { numItems: N(String(1 + (i % 7))) }));
  const ev2 = [];
  for (let i = 0; i < 150; i += 2) {
    if (i % 6 === 0) ev2.push(REM(os[i]));
    else ev2.push(MOD(withAttrs(os[i], { status: i % 4 ? 'BAKING' : 'PREPARING', lastUpdated: '2024-11-24T14:00:00.000Z' }), os[i]));
  }
  const ev3 = [];
  for (let i = 150; i < 260; i++) ev3.push(INS(order('bulk-' + i, creators[(i * 3) % 5], 'PREPARING', { numItems: N(String(i)) })));
  kase('large-batch', 'an event of 150 INSERTs, one of 75 mixed MODIFY/REMOVE, one of 110 INSERTs', [os.map(o => INS(o)), ev2, ev3]);
}
{
  const ev = [];
  const live = [];
  for (let e = 0; e < 30; e++) {
    const recs = [];
    for (let j = 0; j < 1 + (e % 4); j++) {
      const k = e * 4 + j;
      if (k % 5 === 4 && live.length) {
        const victim = live.shift();
        recs.push(REM(victim));
      } else if (k % 5 === 3 && live.length) {
        const old = live.pop();
        const nw = withAttrs(old, { status: 'STEP-' + k, lastUpdated: '2024-11-24T15:' + String(k % 60).padStart(2, '0') + ':00.000Z' });
        recs.push(MOD(nw, old));
        live.push(nw);
      } else {
        const o = order('small-' + k, ['ann', 'ben', 'cy'][k % 3], 'PREPARING');
        recs.push(INS(o));
        live.push(o);
      }
    }
    ev.push(recs);
  }
  kase('many-small-events', 'thirty events of one to four records (INSERT, MODIFY, REMOVE), state carried across events', ev);
}
{
  const bad = order('ord-bad', 'alice', 'PREPARING', items(M([['name', AV([['X', 'y'], ['S', 'x']])]])));
  kase('failure-mid-batch', 'a batch whose third record fails unmarshalling: records 4 and 5 of that batch are not processed, the next event is',
    [[INS(order('ord-1', 'alice', 'PREPARING')), INS(order('ord-2', 'bob', 'PREPARING')), INS(bad), INS(order('ord-4', 'alice', 'PREPARING')), REM(order('ord-1', 'alice', 'PREPARING'))],
      [INS(order('ord-5', 'bob', 'PREPARING'))]]);
}

// --- unmarshall table
{
  kase('types-scalars', 'S, empty S, B, empty B, N, BOOL true/false, NULL inside items and as top-level attributes',
    [[INS(order('ord-1', 'alice', 'PREPARING', {
      items: L(S('dåvid 🍕'), S(''), B('AQI='), B(''), N('42'), N('-17'), N('12.5'), BOOL(true), BOOL(false), NUL()),
      numItems: N('10'), createdAt: B('AAECAwQ='),
    }))]]);
}
{
  kase('types-lists-maps', 'L, empty L, M, empty M, deep nesting, L of mixed kinds',
    [[INS(order('ord-1', 'alice', 'PREPARING', {
      items: L(L(S('x'), N('1'), NUL()), L(), M([]), M([['b', S('x')], ['a', N('1')], ['10', BOOL(true)], ['9', S('z')]]),
        L(L(L(M([['deep', L(M([['deeper', L(L())]])) ]])))))
    }))]]);
}
{
  kase('types-sets', 'SS, NS, BS (with duplicates, a collapsing NS, an NS holding a BigInt, empty sets) all stringify as {}',
    [[INS(order('ord-1', 'alice', 'PREPARING', {
      items: L(SS('a', 'b'), SS('a', 'a'), NS('1', '2.5'), NS('0.1', '0.10000000000000001'), NS('9007199254740993'), BS('AQI=', 'AwQ='), SS(), NS(), BS(),
        M([['toppings', SS('basil', 'olive')], ['sizes', NS('30', '40')]])),
    }))], [INS(order('ord-2', 'alice', SS('BAKING'), { numItems: NS('1') }))], [MOD(order('ord-2', 'alice', SS('BAKING'), { numItems: NS('1') }), order('ord-2', 'alice', SS('BAKING')))]]);
}
{
  kase('types-odd-attribute-values', 'attribute values with several keys or odd payloads: first defined key wins (S,N / N,S / S,X), S null, S with a number, BOOL "false"/0/null, NULL false',
    [[INS(order('ord-1', 'alice', 'PREPARING', {
      items: L(AV([['S', 'x'], ['N', '1']]), AV([['N', '1'], ['S', 'x']]), AV([['S', 'x'], ['X', 'y']]), AV([['S', null]]), AV([['S', 5]]),
        AV([['S', om([['b', 1], ['a', [true, null]]])]]), AV([['BOOL', 'false']]), AV([['BOOL', 0]]), AV([['BOOL', null]]), AV([['BOOL', '']]),
        AV([['NULL', false]]), AV([['B', 7]]), AV([['L', []], ['M', om([])]])),
    }))]]);
}
{
  kase('unmarshall-unsupported-type', 'Error: Unsupported type passed: X (first key X before S), deep inside items; nothing of that record is written',
    [[INS(order('ord-1', 'alice', 'PREPARING', items(M([['a', L(AV([['X', 'y'], ['S', 'x']]))]]))))], [INS(order('ord-2', 'alice', 'PREPARING'))]]);
}
{
  kase('unmarshall-lowercase-type', 'Error: Unsupported type passed: s', [[INS(order('ord-1', 'alice', 'PREPARING', { status: AV([['s', 'BAKING']]) }))]]);
}
{
  kase('unmarshall-bare-string', 'an attribute value that is a bare string: Error: Unsupported type passed: 0', [[INS(order('ord-1', 'alice', 'PREPARING', { items: raw('"oops"') }))]]);
}
{
  kase('unmarshall-no-value', 'an attribute value {} deep inside items: Error: No value defined: {}', [[INS(order('ord-1', 'alice', 'PREPARING', items(L(M([['x', AV([])]])))))]]);
}
{
  kase('unmarshall-null-list', '{"L":null}: TypeError (reading \'map\')', [[INS(order('ord-1', 'alice', 'PREPARING', { items: AV([['L', null]]) }))]]);
}
{
  kase('unmarshall-null-map', '{"M":null}: TypeError: Cannot convert undefined or null to object', [[INS(order('ord-1', 'alice', 'PREPARING', { items: AV([['M', null]]) }))]]);
}
{
  kase('unmarshall-null-value', 'an attribute value null, and null inside L, one event each: TypeErrors',
    [[INS(order('ord-1', 'alice', 'PREPARING', { numItems: raw('null') }))], [INS(order('ord-2', 'alice', 'PREPARING', { items: AV([['L', [null]]]) }))], [INS(order('ord-3', 'alice', 'PREPARING'))]]);
}
{
  kase('image-null', 'NewImage null: TypeError: Cannot convert undefined or null to object', [[rec('INSERT', { keys: om([['pk', S('ord-1')]]), newImage: null })], [INS(order('ord-2', 'alice', 'PREPARING'))]]);
}
{
  const ok = order('ord-1', 'alice', 'PREPARING');
  kase('unmarshall-error-old-image', 'MODIFY and REMOVE whose OldImage fails unmarshalling (NewImage fine): nothing written for them, no publish',
    [[INS(ok)], [MOD(withAttrs(ok, { status: 'BAKING' }), withAttrs(ok, { items: L(AV([['X', 'y']])) }))],
      [REM(withAttrs(ok, { numItems: N('1E+21') }))], [MOD(withAttrs(ok, { status: 'BAKING' }), ok)]]);
}
{
  kase('unmarshall-error-new-image', 'INSERT and MODIFY whose NewImage fails (unsupported type, {} value): nothing written',
    [[INS(order('ord-1', 'alice', 'PREPARING', { lastUpdated: AV([['Q', '1']]) }))],
      [MOD(order('ord-2', 'alice', 'BAKING', { creator: AV([]) }), order('ord-2', 'alice', 'PREPARING'))]]);
}
{
  const bad = ['9007199254740993.5', '9007199254740991.5', '1E+16', '1E+21', '1E+125', '9.9999999999999999999999999999999999999E+125', '-9007199254740993.5'];
  kase('unmarshall-number-not-bigint', 'numbers >= 2^53 that BigInt() rejects make unmarshall throw (one event each, in items, numItems, an NS, OldImage)',
    bad.map((s, i) => [i === 1 ? INS(order('nb-' + i, 'alice', 'PREPARING', { numItems: N(s) }))
      : i === 2 ? INS(order('nb-' + i, 'alice', 'PREPARING', items(NS('1', s))))
        : i === 3 ? MOD(order('nb-' + i, 'alice', 'PREPARING'), order('nb-' + i, 'alice', 'PREPARING', { $extra: [['total', N(s)]] }))
          : INS(order('nb-' + i, 'alice', 'PREPARING', items(M([['price', N(s)]]))))]));
}

// --- numbers
{
  const vals = ['0', '1', '42', '-17', '12.5', '-12.5', '0.5', '0.1', '0.3', '123.456', '3.14159265358979', '0.0000001', '0.000001', '0.0000015',
    '0.00001', '1.5', '123456789012345', '-123456789012345', '9007199254740991', '-9007199254740991', '9007199254740991.4',
    '1000000000000000', '999999999999999.9', '0.12345678901234567890123456789012345678', '1234567890.1234567890123456789012345678',
    '0.' + '0'.repeat(129) + '1', '-0.' + '0'.repeat(129) + '1', '0.00000000000000000001', '5.0000000000000000000000000000000000001', '100', '1723213300'];
  kase('numbers-canonical', 'canonical DynamoDB numbers (ints, negatives, decimals, 1e-7, 0.000001, 2^53-1, 38 digits, 1E-130 plain) in items and numItems',
    [[INS(order('ord-1', 'alice', 'PREPARING', { numItems: N('31'), items: L(...vals.map(v => N(v))) })),
      INS(order('ord-2', 'alice', 'PREPARING', { numItems: N('0.0000001'), items: L(M(vals.map((v, i) => ['n' + i, N(v)]))) }))]]);
}
{
  const vals = ['1E+2', '1e2', '-0', '-0.0', '1E-7', '1E-130', '100.0', '0.10', '007', '+5', '.5', '5.', '1E+15', '2.5E-3', '9007199254740991.0', '1E0'];
  kase('numbers-noncanonical', 'non-canonical number text as files may carry it: 1E+2, -0, 1E-7, 1E-130, 100.0, 007, +5, .5, 5.', [[INS(order('ord-1', 'alice', 'PREPARING', { numItems: N('-0'), items: L(...vals.map(v => N(v))) }))]]);
}
{
  const vals = ['1E+400', '-1E+400', 'abc', '', ' 42 ', '0x1F', 'Infinity', 'NaN', '1_000', '0b11'];
  kase('numbers-non-dynamodb-strings', 'N strings no DynamoDB table holds: Number() semantics (Infinity/NaN -> null, "" -> 0, hex, whitespace)', [[INS(order('ord-1', 'alice', 'PREPARING', { items: L(...vals.map(v => N(v))) }))]]);
}

// --- BigInt
const BIG = '9007199254740992';
{
  kase('bigint-in-numitems', 'numItems 2^53 is a BigInt: JSON.stringify of the view throws, nothing written',
    [[INS(order('ord-1', 'alice', 'PREPARING', { numItems: N(BIG) }))], [INS(order('ord-2', 'alice', 'PREPARING'))]]);
}
{
  kase('bigint-in-items', 'a 38-digit integer deep inside items: TypeError, nothing written; a negative -2^53 in another event',
    [[INS(order('ord-1', 'alice', 'PREPARING', items(M([['price', N('12345678901234567890123456789012345678')]]))))],
      [INS(order('ord-2', 'alice', 'PREPARING', items(L(N('-9007199254740992')))))], [INS(order('ord-3', 'alice', 'PREPARING'))]]);
}
{
  kase('bigint-in-status', 'status a BigInt in INSERT and in MODIFY NewImage: TypeError before any write',
    [[INS(order('ord-1', 'alice', N('100000000000000000000')))], [INS(order('ord-2', 'alice', 'PREPARING'))],
      [MOD(order('ord-2', 'alice', N('9007199254740993')), order('ord-2', 'alice', 'PREPARING'))]]);
}
{
  kase('bigint-in-creator', 'creator a BigInt: <id> is written, then JSON.stringify of the ADMIN view throws',
    [[INS(order('ord-1', N('9007199254740993'), 'PREPARING'))]]);
}
{
  kase('bigint-in-pk', 'pk a BigInt: INSERT throws before any write; REMOVE deletes and edits arrays, then the publish throws',
    [[INS(order('ord-1', 'alice', 'PREPARING'))], [INS(order(N('9007199254740993'), 'alice', 'PREPARING'))], [REM(order(N('9007199254740993'), 'alice', 'PREPARING'))]]);
}
{
  kase('bigint-in-lastupdated', 'lastUpdated a BigInt (truthy): TypeError', [[INS(order('ord-1', 'alice', 'PREPARING', { lastUpdated: N('18446744073709551616') }))]]);
}
{
  const o = order('ord-1', 'alice', 'PREPARING', { $extra: [['totalCents', N('123456789012345678901234567890')], ['ttl', N('9007199254740992')]] });
  kase('bigint-unserialised', 'BigInts in attributes the handler never serialises (extra attributes, old status): no error',
    [[INS(o)], [MOD(withAttrs(o, { status: 'BAKING' }), withAttrs(o, { status: N('9007199254740993') }))],
      [REM(withAttrs(o, { status: 'BAKING', numItems: N(BIG), items: L(N(BIG)), lastUpdated: N(BIG) }))]]);
}

// --- lastUpdated
{
  const falsy = [['empty-string', S('')], ['zero', N('0')], ['minus-zero', N('-0')], ['false', BOOL(false)], ['null', NUL()], ['nan', N('abc')], ['bool-null-value', AV([['BOOL', null]])]];
  kase('lastupdated-falsy', 'falsy lastUpdated ("", 0, -0, false, NULL, NaN) is left out of the view',
    [falsy.map(([n, v]) => INS(order('lu-' + n, 'alice', 'PREPARING', { lastUpdated: v })))]);
}
{
  const truthy = [['iso', S('2024-11-24T12:05:00.000Z')], ['one', N('1')], ['negative', N('-1')], ['true', BOOL(true)], ['empty-list', L()], ['empty-map', M([])],
    ['set', SS('x')], ['string-zero', S('0')], ['string-false', S('false')], ['space', S(' ')], ['bool-string-false', BOOL('false')], ['binary-empty', B('')], ['binary', B('AQI=')]];
  kase('lastupdated-truthy', 'truthy lastUpdated of every kind is appended last ("0", "false", [], {}, a set, true, -1)',
    [truthy.map(([n, v]) => INS(order('lu-' + n, 'alice', 'PREPARING', { lastUpdated: v })))]);
}

// --- missing / wrongly typed attributes
{
  kase('missing-attributes', 'images without creator, without status, without items/numItems/createdAt, and an empty image {}',
    [[INS(order('ord-1', undefined, 'PREPARING')), INS(order('ord-2', 'alice', undefined)),
      INS(order('ord-3', 'alice', 'PREPARING', { items: undefined, numItems: undefined, createdAt: undefined }))],
      [MOD(order('ord-2', 'alice', undefined), order('ord-2', 'alice', undefined))], [REM(order('ord-1', undefined, 'PREPARING'))]]);
}
{
  kase('empty-image', 'an INSERT whose image is {}: pk and creator are both undefined, so the view goes to key "undefined" and the creator upsert then finds an object there (findIndex is not a function)',
    [[INS(order('ord-1', 'alice', 'PREPARING'))], [INS(om([]))], [INS(order('ord-2', 'alice', 'PREPARING'))]]);
}
{
  kase('missing-pk', 'no pk: cache keys "undefined"/"ADMIN-undefined", summaries without id collapse (undefined == undefined, null == undefined); pk NULL',
    [[INS(order(undefined, 'alice', 'PREPARING')), INS(order(undefined, 'alice', 'BAKING')), INS(order(NUL(), 'alice', 'DONE'))], [REM(order(undefined, 'alice', 'BAKING'))],
      [INS(order(undefined, 'bob', 'LAST'))]]);
}
{
  kase('wrong-types', 'numItems as S, status as N, pk as N, createdAt as BOOL, items as M / S / N',
    [[INS(order('ord-1', 'alice', 'PREPARING', { numItems: S('3') })), INS(order('ord-2', 'alice', N('2'))), INS(order(N('42'), 'alice', 'PREPARING')),
      INS(order('ord-4', 'alice', 'PREPARING', { createdAt: BOOL(true), items: M([['first', S('margherita')]]) })),
      INS(order('ord-5', 'alice', 'PREPARING', { items: S('margherita') })), INS(order('ord-6', 'alice', 'PREPARING', { items: N('7') }))],
      [MOD(order(N('42'), 'alice', N('3')), order(N('42'), 'alice', 'PREPARING'))]]);
}
{
  kase('creator-wrong-types', 'creator as N, M, L, NULL, BOOL, SS, "" and L ["x"] colliding with S "x": array keys are String(creator)',
    [[INS(order('c-n', N('42'), 'P')), INS(order('c-m', M([['name', S('alice')]]), 'P')), INS(order('c-l', L(S('a'), S('b')), 'P')),
      INS(order('c-null', NUL(), 'P')), INS(order('c-bool', BOOL(true), 'P')), INS(order('c-ss', SS('a'), 'P')), INS(order('c-empty', S(''), 'P')),
      INS(order('c-lx', L(S('x')), 'P')), INS(order('c-sx', 'x', 'P')), INS(order('c-emptylist', L(), 'P'))],
      [REM(order('c-m', M([['other', S('z')]]), 'P')), REM(order('c-lx', 'x', 'P'))]]);
}
{
  kase('creator-equals-order-id', 'a creator named like an existing order id: its key holds an order view, so findIndex is not a function; and an order id equal to a creator name overwrites that array',
    [[INS(order('ord-1', 'alice', 'PREPARING'))], [INS(order('ord-2', 'ord-1', 'PREPARING'))],
      [INS(order('bob', 'carol', 'PREPARING'))], [INS(order('ord-3', 'carol', 'PREPARING'))], [INS(order('ord-4', 'bob', 'PREPARING'))]]);
}
{
  kase('order-id-all-orders', 'an order whose id is "all-orders": the view overwrites the array, then the upsert fails; later orders fail too',
    [[INS(order('ord-1', 'alice', 'PREPARING'))], [INS(order('all-orders', 'alice', 'PREPARING'))], [INS(order('ord-2', 'alice', 'PREPARING'))]]);
}
{
  kase('creator-all-orders', 'a creator named "all-orders": the same array is upserted twice, no duplicate',
    [[INS(order('ord-1', 'alice', 'PREPARING')), INS(order('ord-2', 'all-orders', 'PREPARING'))], [REM(order('ord-2', 'all-orders', 'PREPARING'))]]);
}

// --- map key order, __proto__
{
  const keys = [['b', S('x')], ['a', N('1')], ['10', BOOL(true)], ['9', S('z')], ['0', S('zero')], ['01', S('leading zero')], ['-1', S('minus')],
    ['4294967294', S('max index')], ['4294967295', S('not an index')], ['1.5', S('decimal')], [' 1', S('space')], ['', S('empty')], ['2', S('two')]];
  kase('map-key-order', 'integer-like keys ("0","2","9","10","4294967294") come first ascending, the others keep event-text order, at every depth',
    [[INS(order('ord-1', 'alice', 'PREPARING', { items: L(M(keys), M([['z', M(keys.slice().reverse())], ['1', L(M([['b', S('1')], ['3', S('3')], ['a', S('2')]]))]])) })),
      INS(order('ord-2', 'alice', 'PREPARING', { items: M(keys.slice().reverse()), $extra: [['7', S('top-level integer attribute')]] }))]]);
}
{
  kase('proto-keys-in-maps', '"__proto__" keys inside items maps (as M, as S, as NULL, as L, as N) are never output',
    [[INS(order('ord-1', 'alice', 'PREPARING', {
      items: L(M([['__proto__', M([['pk', S('p')]])], ['y', S('ok')]]), M([['__proto__', S('p')], ['y', S('ok')]]), M([['__proto__', NUL()], ['y', S('ok')]]),
        M([['a', S('1')], ['__proto__', L(S('x'))], ['b', S('2')]]), M([['__proto__', N('5')]]), M([['__proto__', M([['__proto__', M([['q', S('deep')]])]])], ['z', S('last')]])),
    }))]]);
}
{
  kase('proto-top-level', 'a top-level "__proto__" M attribute: pk, creator and status missing from the image are read through it',
    [[INS(om([['__proto__', M([['pk', S('from-proto')], ['creator', S('proto-creator')], ['status', S('PROTO')]])], ['createdAt', S('2024-11-24T12:00:00.000Z')], ['numItems', N('1')], ['items', L(S('x'))]])),
      INS(om([['pk', S('own-pk')], ['__proto__', M([['pk', S('shadowed')], ['lastUpdated', S('from-proto')]])], ['creator', S('alice')], ['status', S('OWN')]])),
      INS(om([['pk', S('null-proto')], ['__proto__', NUL()], ['creator', S('alice')], ['status', S('X')]]))]]);
}

// --- unicode and escapes
{
  const strs = ['dåvid 🍕', 'Ünïcödé ñ 日本語 עברית العربية', '\u2028line\u2029sep', 'ctl \u0000\u0001\u0007\b\t\n\v\f\r\u001b\u001f\u007f\u0080\u009f',
    'quote " backslash \\ slash /', 'lone \ud800 high', 'lone \udfff low', 'reversed \udc00\ud800 pair', 'bom \ufeff nonchar \uffff', '😀👍🏽👨‍👩‍👧', 'combining e\u0301', '\ud83d'];
  kase('unicode-values', 'non-ASCII, emoji, U+2028/U+2029, control characters, quotes, lone surrogates (as JSON escapes) in S values and map keys',
    [[INS(order('ord-1', 'alice', 'PREPARING', {
      items: L(...strs.map(s => S(s)), M(strs.map((s, i) => [s, N(String(i))]))), status: 'BAKING 🔥', lastUpdated: 'zeit \u2028 ✓',
    })), MOD(order('ord-1', 'alice', 'BAKING 🔥\ud800'), order('ord-1', 'alice', 'BAKING 🔥'))]]);
}
{
  kase('unicode-keys', 'non-ASCII, emoji, lone surrogates, U+2028 and control characters in pk and creator (cache keys and topic names)',
    [[INS(order('pizza-🍕', 'dåvid', 'PREPARING')), INS(order('lone-\ud800', 'creator-\udfff', 'PREPARING')), INS(order('sep\u2028id', 'ctl\u0001\n', 'PREPARING')),
      INS(order('日本', '🍕', 'PREPARING'))],
      [MOD(order('lone-\ud800', 'creator-\udfff', 'BAKING'), order('lone-\ud800', 'creator-\udfff', 'PREPARING')), REM(order('pizza-🍕', 'dåvid', 'PREPARING'))]]);
}
{
  // event text spelled with JSON escapes that JSON.parse resolves: \u00e5, \/, \ud83c\udf55, upper-case hex, escaped key names
  kase('json-escapes-in-event-text', 'event text written with JSON escapes (\\u00e5, \\/, \\uD83C\\uDF55, escaped attribute names and type keys): values are the decoded strings',
    [[INS(om([['status', raw('{"\\u0053":"BAK\\u0049NG"}')], ['creator', raw('{"S":"d\\u00e5vid"}')], [raw('"p\\u006b"'), raw('{"S":"ord\\/1\\uD83C\\uDF55"}')],
      ['createdAt', S('2024-11-24T12:00:00.000Z')], ['numItems', raw('{"N":"\\u0031\\u0032"}')],
      ['items', raw('{"L":[{"M":{"n\\u0061me":{"S":"tab\\there \\"q\\" \\\\ \\b\\f\\n\\r \\u2028 \\ud800"},"\\u0031\\u0030":{"S":"ten"},"\\u0039":{"S":"nine"}}}]}')]]), { keys: om([['pk', S('ord/1🍕')]]) })]]);
}
{
  kase('duplicate-json-keys', 'duplicate keys in the event text: JSON.parse keeps the last value at the first key\'s position (in a map, in an image, in an attribute value)',
    [[INS(om([['status', S('FIRST')], ['creator', S('alice')], ['pk', S('ord-1')], ['status', S('SECOND')], ['numItems', raw('{"N":"1","N":"2"}')],
      ['items', raw('{"L":[{"M":{"a":{"S":"1"},"b":{"S":"2"},"a":{"S":"3"}}},{"S":"x","S":"y"},{"S":"w","X":"z","S":"v"}]}')]]))]]);
}

// --- view-type edge cases where orderlab deliberately differs (docs/handler.md, "Differences from the article")
{
  kase('modify-without-old-image', 'MODIFY without OldImage: the reference treats it as new (new-order); orderlab publishes <id>-updated and warns (docs/handler.md)',
    [[INS(order('ord-1', 'alice', 'PREPARING'))], [rec('MODIFY', { newImage: order('ord-1', 'alice', 'BAKING') })]]);
}
{
  kase('insert-with-old-image', 'INSERT carrying an OldImage: the reference publishes <id>-status-updated/<id>-updated; orderlab publishes new-order (docs/handler.md)',
    [[rec('INSERT', { newImage: order('ord-1', 'alice', 'PREPARING'), oldImage: order('ord-1', 'alice', 'OLD') })],
      [rec('INSERT', { newImage: order('ord-2', 'alice', 'PREPARING'), oldImage: order('ord-2', 'alice', 'PREPARING') })]]);
}

// ---- write ------------------------------------------------------------------------------------------------------
const seen = new Set();
for (const c of CASES) {
  if (seen.has(c.name)) throw new Error('duplicate case ' + c.name);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(c.name)) throw new Error('bad case name ' + c.name);
  seen.add(c.name);
  const ctx = new Ctx(c.name);
  const lines = c.events.map(ev => '{"Records":[' + ev.map(r => renderRecord(ctx, r)).join(',') + ']}');
  for (const l of lines) JSON.parse(l); // must be valid JSON
  fs.mkdirSync(path.join(DATA, c.name), { recursive: true });
  fs.writeFileSync(path.join(DATA, c.name, 'events.jsonl'), lines.join('\n') + '\n');
}

const md = s => s.replace(/\|/g, '\\|').replace(/<(id|creator)>/g, '`<$1>`');
const readme = `# Golden test data

Each directory here is one case: \`events.jsonl\` holds Lambda DynamoDB stream events (one \`{"Records":[...]}\` per line,
records as in \`docs/stream-and-mapping.md\`, stream view type \`NEW_AND_OLD_IMAGES\`), and \`expected.json\` is what
the JavaScript reference handler (\`handler-fixed.js\` of the shared \`reference\` folder, in-memory Momento) made of them, on one line:
\`{"cache":{key:value},"published":[{"topic","value"}],"errors":[first line of each logged error]}\`. The events are written
by \`node scripts/golden-cases.js\` (which also writes this file); \`expected.json\` by \`scripts/make-golden [REFERENCE_DIR]\`,
which runs \`node run-reference.js handler-fixed.js tests/data/<case>/events.jsonl\` for every case and keeps the first
line of each error stack (\`scripts/golden-normalize.js\`). The reference swallows a failing record and skips the rest of
its event; orderlab reports that record and the rest of the batch as failed instead (\`docs/handler.md\`), so the cache and
publishes must match while errors map to failed records. A failing record may leave the writes it made before it
threw (e.g. \`bigint-in-creator\`, \`creator-equals-order-id\`); non-string cache keys appear as JavaScript's \`String(key)\`. \`cache\` is a JSON object: compare it as a map, not by key order
(JavaScript lists integer-like keys first). Two cases show where orderlab deliberately differs from the reference:
\`modify-without-old-image\` and \`insert-with-old-image\`.

| case | what it covers |
| --- | --- |
${CASES.map(c => `| \`${c.name}\` | ${md(c.desc)} |`).join('\n')}
`;
fs.writeFileSync(path.join(DATA, 'README.md'), readme);
console.log(`${CASES.length} cases written to ${DATA}`);
