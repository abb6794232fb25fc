// Starts dynalite (in memory, tables ACTIVE at once) on 127.0.0.1 and an ephemeral port, and prints
// `dynalite listening on 127.0.0.1:<port>` as `orderlab serve` prints its address. dynalite's own cli.js
// cannot do that: it takes `--port 0` for its default port 4567.
// usage: NODE_PATH=<install>/node_modules node serve.js
const dynalite = require('dynalite');
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`dynalite listening on 127.0.0.1:${server.address().port}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
