// The official Momento Node SDK (@gomomento/sdk 1.118.1) reaching `orderlab serve --momento-tls-port` with
// environment changes only (docs/momento-tls.md).
// usage: node tls_conformance.js ORDERLAB_BINARY   (NODE_PATH must reach @gomomento/sdk; see run.sh)
// Runs `orderlab ca --dir TMP`, `orderlab serve --momento-port 0 --momento-tls-port 0 --ca-dir TMP --auth-token T`
// and `orderlab token --port P --auth-token T`, then tls_app.js (an app that knows nothing of orderlab) in a child
// process with MOMENTO_API_KEY and GRPC_DEFAULT_SSL_ROOTS_FILE_PATH set. Prints TAP-like lines; exit 0 if all passed.
'use strict';
const { spawn, execFileSync } = require('child_process');
const assert = require('assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');

const orderlab = process.argv[2];
const app = path.join(__dirname, 'tls_app.js');
const authToken = 'orderlab-tls-test';
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

function startServer(caDir) {
  return new Promise((resolve, reject) => {
    const child = spawn(orderlab, ['serve', '--momento-port', '0', '--momento-tls-port', '0', '--ca-dir', caDir,
      '--auth-token', authToken], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error('no "momento (TLS) listening" line within 20 s')), 20000);
    child.stdout.on('data', d => {
      out += d;
      const match = /momento \(TLS\) listening on 127\.0\.0\.1:(\d+)/.exec(out);
      if (match) { clearTimeout(timer); resolve({ child, port: Number(match[1]) }); }
    });
    child.on('exit', code => { clearTimeout(timer); reject(new Error(`orderlab serve exited early with ${code}`)); });
  });
}

/// Runs tls_app.js with exactly these Momento/TLS variables (others removed); resolves {code, seen}.
function runApp(how, env) {
  return new Promise(resolve => {
    const clean = { ...process.env };
    for (const k of ['MOMENTO_API_KEY', 'MOMENTO_ENDPOINT', 'GRPC_DEFAULT_SSL_ROOTS_FILE_PATH', 'NODE_EXTRA_CA_CERTS'])
      delete clean[k];
    const child = spawn(process.execPath, [app, how], { env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', d => { out += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 90000);
    child.on('exit', code => {
      clearTimeout(timer);
      let seen = null;
      try { seen = JSON.parse(out.trim().split('\n').pop()); } catch (e) { seen = { unparsed: out }; }
      resolve({ code, seen });
    });
  });
}

(async () => {
  const caDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderlab-tls-'));
  const caOut = execFileSync(orderlab, ['ca', '--dir', caDir], { encoding: 'utf8' });
  const roots = /^GRPC_DEFAULT_SSL_ROOTS_FILE_PATH=(.*)$/m.exec(caOut)[1];
  const { child, port } = await startServer(caDir);
  child.removeAllListeners('exit');
  const token = execFileSync(orderlab, ['token', '--port', String(port), '--auth-token', authToken, '--ttl', '3600'],
    { encoding: 'utf8' }).trim();
  const env = { MOMENTO_API_KEY: token, GRPC_DEFAULT_SSL_ROOTS_FILE_PATH: roots };

  await check('orderlab ca prints the CA certificate it made', async () => {
    assert.equal(roots, path.join(caDir, 'ca.pem'));
    assert.match(fs.readFileSync(roots, 'utf8'), /^-----BEGIN CERTIFICATE-----/);
  });

  for (const how of ['env', 'string']) {
    await check(`CredentialProvider.${how === 'env' ? "fromEnvironmentVariable('MOMENTO_API_KEY')" : 'fromString(token)'}: set, get, subscribe, publish over TLS`, async () => {
      const { code, seen } = await runApp(how, env);
      assert.equal(code, 0, JSON.stringify(seen));
      assert.equal(seen.cacheEndpoint, `127.0.0.1:${port}`);
      assert.equal(seen.controlEndpoint, `127.0.0.1:${port}`);
      assert.equal(seen.secure, true);
      assert.equal(seen.get, `value-${how}`);
      assert.deepEqual(seen.received, [`hello-${how}`]);
    });
  }

  await check('NODE_EXTRA_CA_CERTS works instead of GRPC_DEFAULT_SSL_ROOTS_FILE_PATH', async () => {
    const { code, seen } = await runApp('env', { MOMENTO_API_KEY: token, NODE_EXTRA_CA_CERTS: roots });
    assert.equal(code, 0, JSON.stringify(seen));
  });

  await check('without the CA the app cannot connect (the port is really TLS with a private CA)', async () => {
    const { code, seen } = await runApp('env', { MOMENTO_API_KEY: token });
    assert.notEqual(code, 0, JSON.stringify(seen));
    // CacheClient.create's eager connection fails ("Unable to connect to Momento"), or the first call does.
    assert.match(JSON.stringify(seen), /Unable to connect|ServerUnavailable|UNAVAILABLE/, JSON.stringify(seen));
  });

  await check('a token signed with another --auth-token is refused (AuthenticationError)', async () => {
    const other = execFileSync(orderlab, ['token', '--port', String(port), '--auth-token', 'wrong'], { encoding: 'utf8' }).trim();
    const { code, seen } = await runApp('env', { MOMENTO_API_KEY: other, GRPC_DEFAULT_SSL_ROOTS_FILE_PATH: roots });
    assert.notEqual(code, 0, JSON.stringify(seen));
    assert.match(seen.set, /Authentication|UNAUTHENTICATED/i, JSON.stringify(seen));
  });

  child.kill('SIGTERM');
  const exit = await new Promise(resolve => {
    const timer = setTimeout(() => resolve('still running after 10 s'), 10000);
    child.on('exit', code => { clearTimeout(timer); resolve(code); });
  });
  await check('orderlab serve stops cleanly on SIGTERM', async () => assert.equal(exit, 0));
  fs.rmSync(caDir, { recursive: true, force: true });
  console.log(`1..${count}`);
  process.exit(failures ? 1 : 0);
})().catch(e => { console.log(`not ok - ${e && e.stack || e}`); process.exit(1); });
