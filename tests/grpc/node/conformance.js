// The official Momento Node SDK (@gomomento/sdk 1.118.1, MomentoLocalProvider) against `orderlab serve`.
// usage: node conformance.js ORDERLAB_BINARY   (NODE_PATH must reach @gomomento/sdk; see run.sh)
// Starts `orderlab serve --momento-port 0 --simulate 20`, runs every check, stops the server with SIGTERM
// and checks that it exits 0 within 10 s. Prints TAP-like lines; exit 0 only if all passed.
'use strict';
const { spawn } = require('child_process');
const assert = require('assert/strict');
const m = require('@gomomento/sdk');

const orderlab = process.argv[2];
const sleep = ms => new Promise(r => setTimeout(r, ms));
let failures = 0, count = 0;

async function check(name, fn) {
  count += 1;
  try {
    await fn();
    console.log(`ok ${count} - ${name}`);
  } catch (e) {
    failures += 1;
    console.log(`not ok ${count} - ${name}\n  ${String(e && e.stack || e).split('\n').join('\n  ')}`);
  }
}

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(orderlab, ['serve', '--momento-port', '0', '--simulate', '20'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error('no "momento listening" line within 20 s')), 20000);
    child.stdout.on('data', d => {
      out += d;
      const match = /momento listening on 127\.0\.0\.1:(\d+)/.exec(out);
      if (match) { clearTimeout(timer); resolve({ child, port: Number(match[1]) }); }
    });
    child.on('exit', code => { clearTimeout(timer); reject(new Error(`orderlab serve exited early with ${code}`)); });
  });
}

const text = r => r.toString();

(async () => {
  const { child, port } = await startServer();
  child.removeAllListeners('exit');
  const provider = new m.MomentoLocalProvider({ hostname: '127.0.0.1', port });
  const cache = await m.CacheClient.create({
    configuration: m.Configurations.Laptop.latest(), credentialProvider: provider, defaultTtlSeconds: 60,
  });
  const topics = new m.TopicClient({ configuration: m.TopicConfigurations.Default.latest(), credentialProvider: provider });

  await check('CacheClient set / get / delete', async () => {
    assert.ok((await cache.set('pizza', 'conf-k', 'v1')) instanceof m.CacheSet.Success);
    const hit = await cache.get('pizza', 'conf-k');
    assert.ok(hit instanceof m.CacheGet.Hit, text(hit));
    assert.equal(hit.valueString(), 'v1');
    assert.ok((await cache.delete('pizza', 'conf-k')) instanceof m.CacheDelete.Success);
    assert.ok((await cache.get('pizza', 'conf-k')) instanceof m.CacheGet.Miss);
    assert.ok((await cache.delete('pizza', 'never-set')) instanceof m.CacheDelete.Success);
  });

  await check('CacheClient setIfNotExists', async () => {
    assert.ok((await cache.setIfNotExists('pizza', 'conf-once', 'a')) instanceof m.CacheSetIfNotExists.Stored);
    assert.ok((await cache.setIfNotExists('pizza', 'conf-once', 'b')) instanceof m.CacheSetIfNotExists.NotStored);
    assert.equal((await cache.get('pizza', 'conf-once')).valueString(), 'a');
  });

  await check('CacheClient keysExist', async () => {
    const r = await cache.keysExist('pizza', ['conf-once', 'conf-absent']);
    assert.ok(r instanceof m.CacheKeysExist.Success, text(r));
    assert.deepEqual(r.exists(), [true, false]);
  });

  await check('CacheClient increment (and FailedPrecondition on a non-integer)', async () => {
    let r = await cache.increment('pizza', 'conf-n', 5);
    assert.ok(r instanceof m.CacheIncrement.Success, text(r));
    assert.equal(r.value(), 5);
    r = await cache.increment('pizza', 'conf-n', -2);
    assert.equal(r.value(), 3);
    assert.equal((await cache.get('pizza', 'conf-n')).valueString(), '3');
    r = await cache.increment('pizza', 'conf-once', 1);
    assert.ok(r instanceof m.CacheIncrement.Error, text(r));
    assert.equal(r.errorCode(), m.MomentoErrorCode.FAILED_PRECONDITION_ERROR);
  });

  await check('CacheClient itemGetTtl', async () => {
    await cache.set('pizza', 'conf-ttl', 'v', { ttl: 30 });
    const r = await cache.itemGetTtl('pizza', 'conf-ttl');
    assert.ok(r instanceof m.CacheItemGetTtl.Hit, text(r));
    assert.ok(r.remainingTtlMillis() > 29000 && r.remainingTtlMillis() <= 30000, String(r.remainingTtlMillis()));
    assert.ok((await cache.itemGetTtl('pizza', 'conf-absent')) instanceof m.CacheItemGetTtl.Miss);
  });

  await check('CacheClient updateTtl / increaseTtl / decreaseTtl', async () => {
    await cache.set('pizza', 'conf-ttl2', 'v', { ttl: 30 });
    assert.ok((await cache.increaseTtl('pizza', 'conf-ttl2', 60000)) instanceof m.CacheIncreaseTtl.Set);
    assert.ok((await cache.increaseTtl('pizza', 'conf-ttl2', 1000)) instanceof m.CacheIncreaseTtl.NotSet);
    assert.ok((await cache.decreaseTtl('pizza', 'conf-ttl2', 10000)) instanceof m.CacheDecreaseTtl.Set);
    assert.ok((await cache.updateTtl('pizza', 'conf-ttl2', 120000)) instanceof m.CacheUpdateTtl.Set);
    const r = await cache.itemGetTtl('pizza', 'conf-ttl2');
    assert.ok(r.remainingTtlMillis() > 110000, String(r.remainingTtlMillis()));
    assert.ok((await cache.updateTtl('pizza', 'conf-absent', 1000)) instanceof m.CacheUpdateTtl.Miss);
  });

  await check('createCache / listCaches / flushCache / deleteCache', async () => {
    assert.ok((await cache.createCache('conformance')) instanceof m.CreateCache.Success);
    assert.ok((await cache.createCache('conformance')) instanceof m.CreateCache.AlreadyExists);
    const list = await cache.listCaches();
    assert.ok(list instanceof m.ListCaches.Success, text(list));
    const names = list.getCaches().map(c => c.getName());
    assert.ok(names.includes('pizza') && names.includes('conformance'), names.join(','));
    await cache.set('conformance', 'k', 'v');
    assert.ok((await cache.flushCache('conformance')) instanceof m.CacheFlush.Success);
    assert.ok((await cache.get('conformance', 'k')) instanceof m.CacheGet.Miss);
    assert.ok((await cache.deleteCache('conformance')) instanceof m.DeleteCache.Success);
    const again = await cache.deleteCache('conformance');
    assert.ok(again instanceof m.DeleteCache.Error, text(again));
    assert.equal(again.errorCode(), m.MomentoErrorCode.CACHE_NOT_FOUND_ERROR);
    const miss = await cache.get('conformance', 'k');
    assert.ok(miss instanceof m.CacheGet.Error && miss.errorCode() === m.MomentoErrorCode.CACHE_NOT_FOUND_ERROR, text(miss));
  });

  await check('TopicClient publish and subscribe', async () => {
    const got = [];
    const sub = await topics.subscribe('pizza', 'conformance', { onItem: i => got.push(i.valueString()), onError: () => {} });
    assert.ok(sub instanceof m.TopicSubscribe.Subscription, text(sub));
    assert.ok((await topics.publish('pizza', 'conformance', 'hello')) instanceof m.TopicPublish.Success);
    assert.ok((await topics.publish('pizza', 'conformance', 'world')) instanceof m.TopicPublish.Success);
    for (let i = 0; i < 50 && got.length < 2; i++) await sleep(20);
    assert.deepEqual(got, ['hello', 'world']);
    const big = await topics.publish('pizza', 'conformance', 'x'.repeat(5000));
    assert.ok(big instanceof m.TopicPublish.Error, text(big));
    assert.equal(big.errorCode(), m.MomentoErrorCode.LIMIT_EXCEEDED_ERROR);
    sub.unsubscribe();
  });

  await check("a message published across the SDK's 5 s reconnect is delivered once", async () => {
    const got = [];
    let lost = 0;
    const sub = await topics.subscribe('pizza', 'reconnect', {
      onItem: i => got.push(i.valueString()), onError: () => {}, onConnectionLost: () => { lost += 1; },
    });
    const sent = [];
    const start = Date.now();
    for (let i = 0; Date.now() - start < 7500; i++) {
      const v = `r${i}`;
      assert.ok((await topics.publish('pizza', 'reconnect', v)) instanceof m.TopicPublish.Success);
      sent.push(v);
      await sleep(100);
    }
    await sleep(1000);
    sub.unsubscribe();
    assert.ok(lost >= 1, 'the subscription never reconnected, so this test proves nothing');
    assert.deepEqual(got, sent);
  });

  await check("a subscriber receives what orderlab's own handler publishes (serve --simulate)", async () => {
    const got = [];
    const sub = await topics.subscribe('pizza', 'new-order', { onItem: i => got.push(i.valueString()), onError: () => {} });
    for (let i = 0; i < 100 && got.length < 2; i++) await sleep(100);
    sub.unsubscribe();
    assert.ok(got.length >= 2, `only ${got.length} new-order notifications in 10 s`);
    for (const v of got) assert.match(v, /^\{"id":"ord-\d+"\}$/);
  });

  cache.close();
  const exited = new Promise(resolve => child.on('exit', (code, signal) => resolve({ code, signal })));
  const t0 = Date.now();
  child.kill('SIGTERM');
  const result = await Promise.race([exited, sleep(10000).then(() => null)]);
  await check('SIGTERM stops orderlab serve cleanly', async () => {
    assert.ok(result, 'orderlab serve did not exit within 10 s of SIGTERM');
    assert.equal(result.code, 0);
    console.log(`# stopped in ${Date.now() - t0} ms`);
  });
  if (!result) child.kill('SIGKILL');
  console.log(`1..${count}`);
  console.log(failures ? `# ${failures} of ${count} FAILED` : `# all ${count} passed`);
  process.exit(failures ? 1 : 0);
})().catch(e => { console.log(`not ok - ${e.stack || e}`); process.exit(1); });
