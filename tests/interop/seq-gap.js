#!/usr/bin/env node
// Provokes a Sparkplug B rebirth request from the primary host: an edge node built from plain MQTT (mqtt.js) and
// Tahu's payload codec (sparkplug-payload), so that seq and aliases can be wrong on purpose.
// Usage: node seq-gap.js --url mqtt://127.0.0.1:1883 --user U --password P --group G --node N [--fault gap|alias]
//   gap:   NBIRTH seq 0, NDATA seq 1, NDATA seq 5 (a sequence gap)
//   alias: NBIRTH seq 0 with aliases 1 and 2, NDATA seq 1 with alias 99 (never born)
// Subscribes to its NCMD topic first, prints one JSON line per step and every NCMD it receives, and exits 0 when an
// NCMD "Node Control/Rebirth" = true arrives, 1 when none arrives within 15 s.
'use strict';

const mqtt = require('mqtt');
const sparkplugPayload = require('sparkplug-payload').get('spBv1.0');

function parseArgs(argv) {
  const args = { fault: 'gap' };
  for (let i = 2; i < argv.length; i += 2) {
    args[argv[i].replace(/^--/, '')] = argv[i + 1];
  }
  for (const required of ['url', 'user', 'password', 'group', 'node']) {
    if (!args[required]) {
      console.error(`missing --${required}`);
      process.exit(2);
    }
  }
  if (args.fault !== 'gap' && args.fault !== 'alias') {
    console.error('--fault must be gap or alias');
    process.exit(2);
  }
  return args;
}

function print(event) {
  process.stdout.write(JSON.stringify(event) + '\n');
}

const args = parseArgs(process.argv);
const base = `spBv1.0/${args.group}`;
const ncmdTopic = `${base}/NCMD/${args.node}`;
const timeout = setTimeout(() => {
  print({ event: 'timeout' });
  process.exit(1);
}, 15000);

const client = mqtt.connect(args.url, {
  clientId: `e2e-${args.fault}-${args.group}-${args.node}`,
  username: args.user,
  password: args.password,
  clean: true,
  reconnectPeriod: 0,
  protocolVersion: 4,
});

function publish(type, payload) {
  const topic = `${base}/${type}/${args.node}`;
  return new Promise((resolve, reject) => {
    client.publish(topic, Buffer.from(sparkplugPayload.encodePayload(payload)), { qos: 1 }, (error) => {
      if (error) {
        reject(error);
        return;
      }
      print({ event: 'published', type, seq: payload.seq, metrics: payload.metrics.map((m) => m.name ?? `alias ${m.alias}`) });
      resolve();
    });
  });
}

client.on('error', (error) => {
  print({ event: 'error', message: String(error && error.message ? error.message : error) });
  process.exit(1);
});

client.on('message', (topic, message) => {
  const payload = sparkplugPayload.decodePayload(message);
  const metrics = (payload.metrics || []).map((m) => ({ name: m.name, value: m.value }));
  print({ event: 'ncmd', topic, metrics });
  if (metrics.some((m) => m.name === 'Node Control/Rebirth' && m.value === true)) {
    clearTimeout(timeout);
    client.end(false, () => process.exit(0));
  }
});

client.on('connect', () => {
  print({ event: 'connected', url: args.url });
  client.subscribe(ncmdTopic, { qos: 1 }, async (error) => {
    if (error) {
      print({ event: 'error', message: String(error.message) });
      process.exit(1);
    }
    print({ event: 'subscribed', topic: ncmdTopic });
    const now = Date.now();
    try {
      await publish('NBIRTH', {
        timestamp: now,
        seq: 0,
        metrics: [
          { name: 'bdSeq', type: 'UInt64', value: 0 },
          { name: 'Node Control/Rebirth', type: 'Boolean', value: false },
          { name: 'level', alias: 1, type: 'Double', value: 1.5 },
          { name: 'pumps', alias: 2, type: 'Int32', value: 2 },
        ],
      });
      if (args.fault === 'gap') {
        await publish('NDATA', { timestamp: now + 100, seq: 1, metrics: [{ name: 'level', type: 'Double', value: 1.6 }] });
        await publish('NDATA', { timestamp: now + 200, seq: 5, metrics: [{ name: 'level', type: 'Double', value: 1.7 }] });
      } else {
        await publish('NDATA', { timestamp: now + 100, seq: 1, metrics: [{ alias: 99, type: 'Double', value: 9.9 }] });
      }
    } catch (error) {
      print({ event: 'error', message: String(error.message) });
      process.exit(1);
    }
  });
});
