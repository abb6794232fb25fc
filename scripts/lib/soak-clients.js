// Momento SDK clients for scripts/soak: for SECONDS, CLIENTS loops set and get keys of a bounded key set,
// one subscriber follows the handler's `new-order` topic, and one publisher/subscriber pair churns a
// topic of its own (a new subscription every 30 s). Faults injected by the server make some calls fail:
// they are counted, not fatal. Prints one summary line; exit 1 only when nothing at all succeeded.
// usage: node soak-clients.js PORT SECONDS CLIENTS   (NODE_PATH must reach @gomomento/sdk)
'use strict';
const m = require('@gomomento/sdk');

const [port, seconds, clients] = process.argv.slice(2).map(Number);
const until = Date.now() + seconds * 1000;
const counts = { set: 0, get: 0, hit: 0, errors: 0, published: 0, received: 0, orders: 0, subscriptions: 0 };
const sleep = ms => new Promise(r => setTimeout(r, ms));

(async () => {
  const provider = new m.MomentoLocalProvider({ hostname: '127.0.0.1', port });
  const cache = await m.CacheClient.create({
    configuration: m.Configurations.Laptop.latest(), credentialProvider: provider, defaultTtlSeconds: 60,
  });
  const topics = new m.TopicClient({ configuration: m.TopicConfigurations.Default.latest(), credentialProvider: provider });
  const orders = await topics.subscribe('pizza', 'new-order', { onItem: () => { counts.orders += 1; }, onError: () => {} });

  async function cacheLoop(id) {
    let n = 0;
    while (Date.now() < until) {
      const key = `soak-${id}-${n++ % 500}`;
      const s = await cache.set('pizza', key, 'v'.repeat(100 + (n % 400)));
      if (s instanceof m.CacheSet.Success) counts.set += 1; else counts.errors += 1;
      const g = await cache.get('pizza', key);
      if (g instanceof m.CacheGet.Hit) counts.hit += 1;
      else if (g instanceof m.CacheGet.Error) counts.errors += 1;
      counts.get += 1;
      await sleep(5);
    }
  }

  async function topicLoop() {
    while (Date.now() < until) {
      const sub = await topics.subscribe('pizza', 'soak', { onItem: () => { counts.received += 1; }, onError: () => {} });
      counts.subscriptions += 1;
      const end = Math.min(until, Date.now() + 30000);
      while (Date.now() < end) {
        const r = await topics.publish('pizza', 'soak', `message ${counts.published}`);
        if (r instanceof m.TopicPublish.Success) counts.published += 1; else counts.errors += 1;
        await sleep(50);
      }
      if (sub && sub.unsubscribe) sub.unsubscribe();
    }
  }

  await Promise.all([...Array(clients).keys()].map(cacheLoop).concat([topicLoop()]));
  if (orders && orders.unsubscribe) orders.unsubscribe();
  for (const client of [cache, topics]) if (typeof client.close === 'function') client.close();
  console.log(`clients: ${counts.set} sets, ${counts.get} gets (${counts.hit} hits), ${counts.published} published, ` +
              `${counts.received} received on soak, ${counts.orders} new-order notifications, ` +
              `${counts.subscriptions} subscriptions, ${counts.errors} failed calls`);
  process.exit(counts.set + counts.get > 0 ? 0 : 1);
})().catch(e => { console.error('soak clients:', e); process.exit(1); });
