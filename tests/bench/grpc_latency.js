// node grpc_latency.js ORDERLAB [--messages N (default 2000)] [--subscribers S (default 100)]
// (NODE_PATH must reach @gomomento/sdk 1.118.1.) Starts `orderlab serve --momento-port 0` and measures with the
// official Node SDK:
//   1. publish -> subscriber latency: one TopicClient subscribes, another publishes N messages one after the
//      other (each awaited); latency = receive time - publish call start, p50 / p99 / max;
//   2. memory: orderlab's resident set (VmRSS) before and after S subscribers on one topic, and the time
//      for one publish to reach all S.
// Prints a small report; exit 1 if a message was lost.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const m = require('@gomomento/sdk');

const args = process.argv.slice(2);
const orderlab = args[0];
const opt = (name, def) => { const i = args.indexOf(name); return i > 0 ? Number(args[i + 1]) : def; };
const N = opt('--messages', 2000), S = opt('--subscribers', 100);
const sleep = ms => new Promise(r => setTimeout(r, ms));
const rssKiB = pid => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

(async () => {
  const child = spawn(orderlab, ['serve', '--momento-port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', d => { out += d; const x = /listening on [^:]+:(\d+)/.exec(out); if (x) resolve(Number(x[1])); });
    child.on('exit', c => reject(new Error('orderlab exited ' + c)));
  });
  const provider = new m.MomentoLocalProvider({ hostname: '127.0.0.1', port });
  const cfg = m.TopicConfigurations.Default.latest();
  const subscriberClient = new m.TopicClient({ configuration: cfg, credentialProvider: provider });
  const publisher = new m.TopicClient({ configuration: cfg, credentialProvider: provider });

  const sentAt = new Map();
  const latencies = [];
  let done;
  const all = new Promise(r => { done = r; });
  const sub = await subscriberClient.subscribe('pizza', 'latency', {
    onItem: item => {
      const t = process.hrtime.bigint();
      const s = sentAt.get(item.valueString());
      if (s !== undefined) { latencies.push(Number(t - s) / 1e6); sentAt.delete(item.valueString()); }
      if (latencies.length === N) done();
    },
    onError: () => {},
  });
  for (let i = 0; i < 50; i++) await publisher.publish('pizza', 'latency', `warm${i}`); // warm-up, not counted
  await sleep(200);
  for (let i = 0; i < N; i++) {
    const v = `m${i}`;
    sentAt.set(v, process.hrtime.bigint());
    await publisher.publish('pizza', 'latency', v);
  }
  await Promise.race([all, sleep(10000)]);
  sub.unsubscribe();
  latencies.sort((a, b) => a - b);
  console.log(`publish -> subscriber latency (Node SDK, ${latencies.length}/${N} messages): ` +
              `p50 ${pct(latencies, 0.5).toFixed(3)} ms, p99 ${pct(latencies, 0.99).toFixed(3)} ms, ` +
              `max ${latencies[latencies.length - 1].toFixed(3)} ms`);
  const lost = N - latencies.length;

  await sleep(500);
  const before = rssKiB(child.pid);
  const many = [];
  const counts = new Array(S).fill(0);
  const clients = [];
  for (let c = 0; c < Math.ceil(S / 50); c++) clients.push(new m.TopicClient({ configuration: cfg, credentialProvider: provider }));
  for (let i = 0; i < S; i++) {
    many.push(await clients[i % clients.length].subscribe('pizza', 'fanout', { onItem: () => { counts[i] += 1; }, onError: () => {} }));
  }
  await sleep(1000);
  const after = rssKiB(child.pid);
  const t0 = process.hrtime.bigint();
  await publisher.publish('pizza', 'fanout', 'to everyone');
  while (counts.some(c => c === 0) && Number(process.hrtime.bigint() - t0) < 5e9) await sleep(1);
  const fanoutMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const reached = counts.filter(c => c > 0).length;
  console.log(`orderlab RSS: ${(before / 1024).toFixed(1)} MiB before, ${(after / 1024).toFixed(1)} MiB with ${S} subscribers ` +
              `(+${((after - before) / S).toFixed(1)} KiB each); one publish reached ${reached}/${S} in ${fanoutMs.toFixed(1)} ms`);
  for (const s of many) s.unsubscribe();
  child.kill('SIGTERM');
  await new Promise(r => child.on('exit', r));
  process.exit(lost || reached < S ? 1 : 0);
})().catch(e => { console.error(e); process.exit(1); });
