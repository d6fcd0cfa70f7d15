#!/usr/bin/env node
// A real Sparkplug B edge node (Eclipse Tahu's sparkplug-client) for Nightshift's interop tests.
// Usage: node edge-node.js --url mqtt://127.0.0.1:1883 --user U --password P --group G --node N [--device D] [--count 3]
// Connects, publishes NBIRTH (with bdSeq and seq from the client), DBIRTH of one device, then --count DDATA
// messages, printing one JSON line per step to stdout, and exits 0 (1 on an error or after a timeout of 20 s).
'use strict';

const sparkplug = require('sparkplug-client');

function parseArgs(argv) {
  const args = { device: 'pump', count: 3 };
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    args[key] = argv[i + 1];
  }
  for (const required of ['url', 'user', 'password', 'group', 'node']) {
    if (!args[required]) {
      console.error(`missing --${required}`);
      process.exit(2);
    }
  }
  args.count = Number(args.count);
  return args;
}

function print(event) {
  process.stdout.write(JSON.stringify(event) + '\n');
}

const args = parseArgs(process.argv);
const timeout = setTimeout(() => {
  print({ event: 'timeout' });
  process.exit(1);
}, 20000);

const client = sparkplug.newClient({
  serverUrl: args.url,
  username: args.user,
  password: args.password,
  groupId: args.group,
  edgeNode: args.node,
  clientId: `e2e-${args.group}-${args.node}`,
  version: 'spBv1.0',
  publishDeath: true,
  mqttOptions: { reconnectPeriod: 0 },
});

client.on('error', (error) => {
  print({ event: 'error', message: String(error && error.message ? error.message : error) });
  process.exit(1);
});

client.on('ncmd', (payload) => {
  print({ event: 'ncmd', metrics: (payload.metrics || []).map((m) => ({ name: m.name, value: m.value })) });
});

client.on('birth', () => {
  print({ event: 'connected', url: args.url });
  const now = Date.now();
  client.publishNodeBirth({
    timestamp: now,
    metrics: [
      { name: 'Node Control/Rebirth', type: 'Boolean', value: false },
      { name: 'firmware', type: 'String', value: '1.4.2' },
      { name: 'uptime', type: 'Int64', value: 1200 },
    ],
  });
  print({ event: 'published', type: 'NBIRTH', group: args.group, node: args.node });

  client.publishDeviceBirth(args.device, {
    timestamp: now,
    metrics: [
      { name: 'temperature', type: 'Double', value: 20.5, properties: { engUnit: { type: 'String', value: 'degC' } } },
      { name: 'running', type: 'Boolean', value: true },
      { name: 'count', type: 'Int64', value: 0 },
    ],
  });
  print({ event: 'published', type: 'DBIRTH', device: args.device });

  for (let i = 1; i <= args.count; i++) {
    const value = { temperature: 20.5 + i, count: i };
    client.publishDeviceData(args.device, {
      timestamp: now + i * 100,
      metrics: [
        { name: 'temperature', type: 'Double', value: value.temperature },
        { name: 'count', type: 'Int64', value: value.count },
      ],
    });
    print({ event: 'published', type: 'DDATA', device: args.device, temperature: value.temperature, count: value.count });
  }

  // Ends the MQTT connection after the queued messages are written (NDEATH first, as a clean edge node does).
  client.stop();
  client.client.once('end', () => {
    clearTimeout(timeout);
    print({ event: 'done' });
    process.exit(0);
  });
});
