// The service proxy program: plain JavaScript (CommonJS, Node built-ins only) that runs inside the
// proxy container on the host's own node binary. It is kept as text here, not compiled, because it
// runs outside berth's process and build: whatever node version the host has runs it, with no
// dependencies. Any change gives the proxy image a new content-hashed tag.
//
// Behaviour (kube-proxy's userspace mode): listen on every TCP/UDP port of the Service; for each
// new TCP connection pick an endpoint round-robin (or the client's sticky one with ClientIP
// affinity) and dial it, trying the next endpoints with growing timeouts (250 ms, 500 ms, 1 s,
// 2 s) when one does not answer; UDP flows (per client address) go to one endpoint until idle for
// 30 s. The endpoint list comes from a JSON file (proxy-config.ts) watched with inotify and polled
// every 500 ms; a new list applies to new connections, established ones are left alone.

export const PROXY_PROGRAM = String.raw`
"use strict";
// berth service proxy: kube-proxy's userspace mode in one small file. Listens on every port of one
// Service and forwards each TCP connection (or UDP flow) to one of the endpoints named in the
// config file berth writes into the container; re-reads the file when it changes.
var net = require("net");
var dgram = require("dgram");
var fs = require("fs");
var path = require("path");

var CONFIG = process.argv[2] || "/berth/run/endpoints.json";
// kube-proxy userspace: try endpoints one after another with growing dial timeouts.
var DIAL_TIMEOUTS = [250, 500, 1000, 2000];
var UDP_IDLE_MS = 30000;

var listeners = new Map();
var lastText = "";
var affinity = { type: "None", timeoutMs: 0 };

function log(msg) {
  process.stdout.write(new Date().toISOString() + " " + msg + "\n");
}

function key(p) {
  return p.protocol + "/" + p.port;
}

function endpointKey(e) {
  return e.host + ":" + e.port;
}

// Round robin over the port's endpoints; with ClientIP affinity a client keeps its endpoint while
// it stays in the list and within the timeout.
function pick(l, clientIP, skip) {
  var eps = l.endpoints;
  if (eps.length === 0) return undefined;
  if (affinity.type === "ClientIP" && clientIP && !skip) {
    var s = l.sticky.get(clientIP);
    if (s && s.until > Date.now()) {
      for (var i = 0; i < eps.length; i++) {
        if (endpointKey(eps[i]) === s.key) {
          s.until = Date.now() + affinity.timeoutMs;
          return eps[i];
        }
      }
    }
  }
  for (var n = 0; n < eps.length; n++) {
    var e = eps[l.next % eps.length];
    l.next = (l.next + 1) % eps.length;
    if (!skip || !skip.has(endpointKey(e))) {
      if (affinity.type === "ClientIP" && clientIP) {
        l.sticky.set(clientIP, { key: endpointKey(e), until: Date.now() + affinity.timeoutMs });
      }
      return e;
    }
  }
  return undefined;
}

function onTcpConnection(l, client) {
  var tried = new Set();
  var attempt = 0;
  client.on("error", function () {});
  function fail() {
    client.destroy();
  }
  function dial() {
    if (client.destroyed) return;
    var e = pick(l, client.remoteAddress, tried.size > 0 ? tried : undefined);
    if (!e || attempt >= DIAL_TIMEOUTS.length) return fail();
    tried.add(endpointKey(e));
    var timeout = DIAL_TIMEOUTS[attempt++];
    var up = net.connect({ host: e.host, port: e.port, allowHalfOpen: true });
    var timer = setTimeout(function () {
      up.destroy();
      dial();
    }, timeout);
    up.once("error", function () {
      if (timer) {
        clearTimeout(timer);
        timer = undefined;
        dial();
      }
    });
    up.once("connect", function () {
      clearTimeout(timer);
      timer = undefined;
      up.on("error", function () {
        client.destroy();
      });
      client.on("error", function () {
        up.destroy();
      });
      up.on("close", function () {
        client.destroy();
      });
      client.on("close", function () {
        up.destroy();
      });
      client.pipe(up);
      up.pipe(client);
      client.resume();
    });
  }
  dial();
}

function openTcp(l) {
  var server = net.createServer({ pauseOnConnect: true, allowHalfOpen: true }, function (c) {
    onTcpConnection(l, c);
  });
  server.on("error", function (err) {
    log("listening on " + l.key + " failed: " + err.message + "; retrying");
    setTimeout(function () {
      if (listeners.get(l.key) === l) server.listen(l.port);
    }, 1000);
  });
  server.listen(l.port);
  l.close = function () {
    server.close();
  };
}

function openUdp(l) {
  var sock = dgram.createSocket("udp4");
  var flows = new Map();
  sock.on("message", function (msg, rinfo) {
    var id = rinfo.address + ":" + rinfo.port;
    var f = flows.get(id);
    if (!f) {
      var e = pick(l, rinfo.address);
      if (!e) return;
      var up = dgram.createSocket("udp4");
      f = { up: up, timer: undefined };
      flows.set(id, f);
      up.on("message", function (reply) {
        sock.send(reply, rinfo.port, rinfo.address);
        touch(f, id);
      });
      up.on("error", function () {
        end(id);
      });
      up.connect(e.port, e.host, function () {
        flush(f);
      });
      f.queue = [];
    }
    touch(f, id);
    if (f.queue) f.queue.push(msg);
    else f.up.send(msg);
  });
  function flush(f) {
    var q = f.queue || [];
    f.queue = undefined;
    for (var i = 0; i < q.length; i++) f.up.send(q[i]);
  }
  function touch(f, id) {
    if (f.timer) clearTimeout(f.timer);
    f.timer = setTimeout(function () {
      end(id);
    }, UDP_IDLE_MS);
  }
  function end(id) {
    var f = flows.get(id);
    if (!f) return;
    flows.delete(id);
    if (f.timer) clearTimeout(f.timer);
    try {
      f.up.close();
    } catch (err) {
      void err;
    }
  }
  sock.on("error", function (err) {
    log("listening on " + l.key + " failed: " + err.message);
  });
  sock.bind(l.port);
  l.close = function () {
    flows.forEach(function (_f, id) {
      end(id);
    });
    sock.close();
  };
}

function apply(cfg) {
  affinity = {
    type: cfg.sessionAffinity === "ClientIP" ? "ClientIP" : "None",
    timeoutMs: (cfg.affinityTimeoutSeconds || 10800) * 1000,
  };
  var seen = new Set();
  var ports = cfg.ports || [];
  for (var i = 0; i < ports.length; i++) {
    var p = ports[i];
    if (p.protocol !== "TCP" && p.protocol !== "UDP") continue;
    var k = key(p);
    seen.add(k);
    var l = listeners.get(k);
    if (!l) {
      l = { key: k, port: p.port, endpoints: [], next: 0, sticky: new Map(), close: undefined };
      listeners.set(k, l);
      if (p.protocol === "TCP") openTcp(l);
      else openUdp(l);
    }
    l.endpoints = p.endpoints || [];
    if (l.next >= l.endpoints.length) l.next = 0;
  }
  listeners.forEach(function (l, k) {
    if (!seen.has(k)) {
      listeners.delete(k);
      if (l.close) l.close();
    }
  });
  var summary = [];
  listeners.forEach(function (l) {
    summary.push(l.key + "->" + l.endpoints.length);
  });
  log("generation " + cfg.generation + ": " + summary.join(" "));
}

var retry;
function load() {
  if (retry) clearTimeout(retry);
  retry = undefined;
  var text;
  try {
    text = fs.readFileSync(CONFIG, "utf8");
  } catch (err) {
    if (err.code !== "ENOENT") log("reading " + CONFIG + ": " + err.message);
    return;
  }
  if (text === lastText) return;
  var cfg;
  try {
    cfg = JSON.parse(text);
  } catch (err) {
    // A write in progress: read again shortly.
    retry = setTimeout(load, 50);
    return;
  }
  lastText = text;
  apply(cfg);
}

load();
try {
  fs.watch(path.dirname(CONFIG), function () {
    load();
  });
} catch (err) {
  log("watching " + path.dirname(CONFIG) + ": " + err.message + "; polling only");
}
// inotify may miss writes made from outside the container's mount namespace: poll as well.
setInterval(load, 500);

function stop() {
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
`;
