// A Momento app as it is written for Momento's cloud: nothing about orderlab in it; the token comes from the
// environment (MOMENTO_API_KEY), and grpc-js trusts orderlab's CA through GRPC_DEFAULT_SSL_ROOTS_FILE_PATH.
// usage: node tls_app.js [env|string]   env: CredentialProvider.fromEnvironmentVariable('MOMENTO_API_KEY');
//                                        string: CredentialProvider.fromString(the same token)
// Sets, gets, subscribes and publishes on cache `pizza`; prints one JSON line of what it saw; exit 0 if all worked.
'use strict';
const m = require('@gomomento/sdk');

const how = process.argv[2] || 'env';
const sleep = ms => new Promise(r => setTimeout(r, ms));

(async () => {
  const credentialProvider = how === 'string'
    ? m.CredentialProvider.fromString({ apiKey: process.env.MOMENTO_API_KEY })
    : m.CredentialProvider.fromEnvironmentVariable('MOMENTO_API_KEY');
  const seen = { how, cacheEndpoint: credentialProvider.getCacheEndpoint(),
    controlEndpoint: credentialProvider.getControlEndpoint(), secure: credentialProvider.isCacheEndpointSecure() };
  const cache = await m.CacheClient.create({
    configuration: m.Configurations.Laptop.latest(), credentialProvider, defaultTtlSeconds: 60,
  });
  const topics = new m.TopicClient({ configuration: m.TopicConfigurations.Default.latest(), credentialProvider });
  const set = await cache.set('pizza', `tls-${how}`, `value-${how}`);
  seen.set = set.toString();
  if (!(set instanceof m.CacheSet.Success)) {
    console.log(JSON.stringify(seen));
    process.exit(1);
  }
  const get = await cache.get('pizza', `tls-${how}`);
  seen.get = get instanceof m.CacheGet.Hit ? get.valueString() : get.toString();
  const got = [];
  const sub = await topics.subscribe('pizza', `tls-${how}`, { onItem: i => got.push(i.valueString()), onError: () => {} });
  seen.subscribe = sub.toString();
  if (sub instanceof m.TopicSubscribe.Subscription) {
    seen.publish = (await topics.publish('pizza', `tls-${how}`, `hello-${how}`)).toString();
    for (let i = 0; i < 100 && got.length === 0; ++i)
      await sleep(100);
    sub.unsubscribe();
  }
  seen.received = got;
  cache.close();
  console.log(JSON.stringify(seen));
  const ok = set instanceof m.CacheSet.Success && get instanceof m.CacheGet.Hit && got.length === 1;
  process.exit(ok ? 0 : 1);
})().catch(e => { console.log(JSON.stringify({ how, thrown: String(e && e.stack || e) })); process.exit(2); });
