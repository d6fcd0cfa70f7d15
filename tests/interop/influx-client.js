#!/usr/bin/env node
// Writes points to Nightshift's InfluxDB 1.x compatible API with the npm `influx` client (node-influx, the v1
// client), as an application using InfluxDB would.
// Usage: node influx-client.js --url http://127.0.0.1:5080 --user U --password P --measurement M --host H
//   Writes two points of M (tags host=H, line=l1) with a schema (float, integer, boolean, string fields) at explicit
//   millisecond timestamps, then one point without a schema nor a timestamp (precision n, the client's default).
// The client sends HTTP Basic credentials (the password is an API key or the user's password). Prints one JSON line
// per step and exits 0 when every write succeeded, 1 with {"event":"error"} otherwise.
'use strict';

const Influx = require('influx');

function parseArgs(argv) {
  const args = {};
  for (let i = 2; i < argv.length; i += 2) {
    args[argv[i].replace(/^--/, '')] = argv[i + 1];
  }
  for (const required of ['url', 'user', 'password', 'measurement', 'host']) {
    if (!args[required]) {
      console.error(`missing --${required}`);
      process.exit(2);
    }
  }
  return args;
}

function print(event) {
  process.stdout.write(JSON.stringify(event) + '\n');
}

async function main() {
  const args = parseArgs(process.argv);
  const url = new URL(args.url);
  const influx = new Influx.InfluxDB({
    host: url.hostname,
    port: Number(url.port),
    protocol: url.protocol.replace(':', ''),
    database: 'plant',
    username: args.user,
    password: args.password,
    schema: [
      {
        measurement: args.measurement,
        fields: {
          temperature: Influx.FieldType.FLOAT,
          starts: Influx.FieldType.INTEGER,
          running: Influx.FieldType.BOOLEAN,
          mode: Influx.FieldType.STRING,
        },
        tags: ['host', 'line'],
      },
    ],
  });

  const now = Date.now();
  await influx.writePoints(
    [
      {
        measurement: args.measurement,
        tags: { host: args.host, line: 'l1' },
        fields: { temperature: 20.5, starts: 11, running: false, mode: 'setup' },
        timestamp: new Date(now - 2000),
      },
      {
        measurement: args.measurement,
        tags: { host: args.host, line: 'l1' },
        fields: { temperature: 21.25, starts: 12, running: true, mode: 'auto "A"' },
        timestamp: new Date(now - 1000),
      },
    ],
    { precision: 'ms' },
  );
  print({ event: 'written', points: 2, precision: 'ms', timestamp: now - 1000 });

  await influx.writeMeasurement(`${args.measurement}_free`, [{ tags: { host: args.host }, fields: { level: 7.5 } }]);
  print({ event: 'written', points: 1, precision: 'n' });
}

main().then(
  () => process.exit(0),
  (error) => {
    print({ event: 'error', message: String(error && error.message), status: error && error.res && error.res.statusCode });
    process.exit(1);
  },
);
