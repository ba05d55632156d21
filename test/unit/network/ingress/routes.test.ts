import { describe, expect, it } from "vitest";
import type { Ingress } from "../../../../src/manifest/types.js";
import { normalizeRequestPath } from "../../../../src/network/ingress/paths.js";
import { compileRoutes, matchRoute, type RoutingTable } from "../../../../src/network/ingress/routes.js";
import { ingress, rule, svcPath } from "../../../support/ingress-objects.js";

/** The service a request reaches, or "404". */
function serviceFor(table: RoutingTable, host: string, path: string): string {
  const m = matchRoute(table, host, normalizeRequestPath(path));
  if (!m) return "404";
  return m.target.kind === "service" ? m.target.service : `unsupported: ${m.target.reason}`;
}

function routes(...ings: Ingress[]): RoutingTable {
  return compileRoutes(ings);
}

describe("path precedence (Kubernetes docs examples)", () => {
  const cases: { name: string; paths: [string, "Exact" | "Prefix"][]; request: string; want: string }[] = [
    { name: "Prefix / matches everything", paths: [["/", "Prefix"]], request: "/x/y", want: "/" },
    { name: "Exact /foo matches /foo", paths: [["/foo", "Exact"]], request: "/foo", want: "/foo Exact" },
    { name: "Exact /foo does not match /bar", paths: [["/foo", "Exact"]], request: "/bar", want: "default" },
    {
      name: "Exact /foo does not match /foo/",
      paths: [["/foo", "Exact"]],
      request: "/foo/",
      want: "default",
    },
    {
      name: "Exact /foo/ does not match /foo",
      paths: [["/foo/", "Exact"]],
      request: "/foo",
      want: "default",
    },
    { name: "Exact is case-sensitive", paths: [["/foo", "Exact"]], request: "/FOO", want: "default" },
    { name: "Prefix /foo matches /foo/", paths: [["/foo", "Prefix"]], request: "/foo/", want: "/foo" },
    { name: "Prefix /foo/ matches /foo", paths: [["/foo/", "Prefix"]], request: "/foo", want: "/foo/" },
    {
      name: "Prefix /aaa/bb is no string prefix of /aaa/bbb",
      paths: [["/aaa/bb", "Prefix"]],
      request: "/aaa/bbb",
      want: "default",
    },
    {
      name: "Prefix /aaa/bbb matches subpath",
      paths: [["/aaa/bbb", "Prefix"]],
      request: "/aaa/bbb/ccc",
      want: "/aaa/bbb",
    },
    {
      name: "Prefix /aaa/bbb not /aaa/bbbxyz",
      paths: [["/aaa/bbb", "Prefix"]],
      request: "/aaa/bbbxyz",
      want: "default",
    },
    {
      name: "/, /aaa: /aaa/ccc → /aaa",
      paths: [
        ["/", "Prefix"],
        ["/aaa", "Prefix"],
      ],
      request: "/aaa/ccc",
      want: "/aaa",
    },
    {
      name: "/, /aaa, /aaa/bbb: /aaa/bbb → /aaa/bbb",
      paths: [
        ["/", "Prefix"],
        ["/aaa", "Prefix"],
        ["/aaa/bbb", "Prefix"],
      ],
      request: "/aaa/bbb",
      want: "/aaa/bbb",
    },
    {
      name: "/, /aaa, /aaa/bbb: /ccc → /",
      paths: [
        ["/", "Prefix"],
        ["/aaa", "Prefix"],
        ["/aaa/bbb", "Prefix"],
      ],
      request: "/ccc",
      want: "/",
    },
    { name: "/aaa: /ccc → default backend", paths: [["/aaa", "Prefix"]], request: "/ccc", want: "default" },
    {
      name: "Prefix and Exact /foo: Exact wins",
      paths: [
        ["/foo", "Prefix"],
        ["/foo", "Exact"],
      ],
      request: "/foo",
      want: "/foo Exact",
    },
    {
      name: "Prefix and Exact /foo: /foo/x → Prefix",
      paths: [
        ["/foo", "Exact"],
        ["/foo", "Prefix"],
      ],
      request: "/foo/x",
      want: "/foo",
    },
    {
      name: "longer Exact /foo/ beats Prefix /foo",
      paths: [
        ["/foo", "Prefix"],
        ["/foo/", "Exact"],
      ],
      request: "/foo/",
      want: "/foo/ Exact",
    },
    {
      name: "longer Prefix beats shorter Exact",
      paths: [
        ["/a", "Exact"],
        ["/a/b", "Prefix"],
      ],
      request: "/a/b",
      want: "/a/b",
    },
  ];
  it.each(cases)("$name", ({ paths, request, want }) => {
    const ps = paths.map(([p, t]) => svcPath(p, t, t === "Exact" ? `${p} Exact` : p));
    const table = routes(ingress("paths", [rule("foo.bar.com", ...ps)], { defaultBackend: "default" }));
    expect(serviceFor(table, "foo.bar.com", request)).toBe(want);
  });

  it("ImplementationSpecific is an element-wise prefix", () => {
    const table = routes(ingress("is", [rule(undefined, svcPath("/api", "ImplementationSpecific", "api"))]));
    expect(serviceFor(table, "x", "/api/v1")).toBe("api");
    expect(serviceFor(table, "x", "/api")).toBe("api");
    expect(serviceFor(table, "x", "/apis")).toBe("404");
  });

  it("routes on the normalised path, so dot segments and escapes cannot dodge a rule", () => {
    const table = routes(
      ingress("sec", [
        rule(undefined, svcPath("/admin", "Prefix", "admin"), svcPath("/", "Prefix", "public")),
      ]),
    );
    expect(serviceFor(table, "x", "/public/../admin/users")).toBe("admin");
    expect(serviceFor(table, "x", "/%61dmin")).toBe("admin");
  });
});

describe("host precedence", () => {
  const virtualHosting = ingress("name-virtual-host", [
    rule("first.bar.com", svcPath("/", "Prefix", "service1")),
    rule("second.bar.com", svcPath("/", "Prefix", "service2")),
    rule(undefined, svcPath("/", "Prefix", "service3")),
  ]);

  it("name-based virtual hosting (Kubernetes docs): rules without host take the rest", () => {
    const table = routes(virtualHosting);
    expect(serviceFor(table, "first.bar.com", "/")).toBe("service1");
    expect(serviceFor(table, "second.bar.com", "/x")).toBe("service2");
    expect(serviceFor(table, "third.bar.com", "/")).toBe("service3");
    expect(serviceFor(table, "", "/")).toBe("service3");
  });

  it("hosts compare case-insensitively", () => {
    const table = routes(virtualHosting);
    expect(serviceFor(table, "first.bar.com", "/")).toBe("service1");
    const upper = routes(ingress("u", [rule("Upper.Example.COM", svcPath("/", "Prefix", "u"))]));
    expect(serviceFor(upper, "upper.example.com", "/")).toBe("u");
  });

  it("wildcard matches exactly one label (Kubernetes docs)", () => {
    const table = routes(
      ingress("wild", [
        rule("foo.bar.com", svcPath("/bar", "Prefix", "service1")),
        rule("*.foo.com", svcPath("/foo", "Prefix", "service2")),
      ]),
    );
    expect(serviceFor(table, "foo.bar.com", "/bar")).toBe("service1");
    expect(serviceFor(table, "bar.com", "/bar")).toBe("404");
    expect(serviceFor(table, "bar.foo.com", "/foo")).toBe("service2");
    expect(serviceFor(table, "baz.bar.foo.com", "/foo")).toBe("404");
    expect(serviceFor(table, "foo.com", "/foo")).toBe("404");
  });

  it("an exact host beats a wildcard, and a wildcard beats rules without host", () => {
    const table = routes(
      ingress("a", [rule(undefined, svcPath("/", "Prefix", "any"))]),
      ingress("b", [rule("*.example.com", svcPath("/", "Prefix", "wild"))]),
      ingress("c", [rule("shop.example.com", svcPath("/", "Prefix", "shop"))]),
    );
    expect(serviceFor(table, "shop.example.com", "/")).toBe("shop");
    expect(serviceFor(table, "blog.example.com", "/")).toBe("wild");
    expect(serviceFor(table, "example.com", "/")).toBe("any");
    expect(serviceFor(table, "other.org", "/")).toBe("any");
  });

  it("paths do not fall through to a less specific host: the host's fallback answers", () => {
    const table = routes(
      ingress("a", [
        rule("api.example.com", svcPath("/v1", "Prefix", "v1")),
        rule(undefined, svcPath("/", "Prefix", "any")),
      ]),
    );
    expect(serviceFor(table, "api.example.com", "/v1/x")).toBe("v1");
    expect(serviceFor(table, "api.example.com", "/v2")).toBe("404");
    const withDefault = routes(
      ingress("a", [rule("api.example.com", svcPath("/v1", "Prefix", "v1"))], { defaultBackend: "fallback" }),
    );
    expect(serviceFor(withDefault, "api.example.com", "/v2")).toBe("fallback");
    expect(serviceFor(withDefault, "elsewhere", "/")).toBe("fallback");
  });

  it("a rule with a host but no http claims the host for the default backend", () => {
    const ing = ingress("a", [{ host: "bare.example.com" }, rule(undefined, svcPath("/", "Prefix", "any"))]);
    expect(serviceFor(routes(ing), "bare.example.com", "/")).toBe("404");
  });
});

describe("legacy Ingress as the loader converts it", () => {
  // extensions/v1beta1 with serviceName demo-app, servicePort http and no path or pathType.
  const demo: Ingress = {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name: "demo-app", namespace: "default", labels: {}, annotations: {} },
    spec: {
      rules: [
        {
          host: "demo-app.k8s.fscker.org",
          http: {
            paths: [
              {
                pathType: "ImplementationSpecific",
                backend: { service: { name: "demo-app", port: { name: "http" } } },
              },
            ],
          },
        },
      ],
    },
  };

  it("routes every path of its host to the named port", () => {
    const m = matchRoute(compileRoutes([demo]), "demo-app.k8s.fscker.org", "/any/path");
    expect(m?.target).toEqual({
      kind: "service",
      namespace: "default",
      service: "demo-app",
      port: { name: "http" },
    });
    expect(m?.ingress).toEqual({ namespace: "default", name: "demo-app" });
    expect(matchRoute(compileRoutes([demo]), "other.org", "/")).toBeUndefined();
  });

  it("spec.backend (converted to defaultBackend) serves everything", () => {
    const single: Ingress = {
      ...demo,
      spec: { defaultBackend: { service: { name: "web", port: { number: 8080 } } } },
    };
    expect(matchRoute(compileRoutes([single]), "whatever", "/x")?.target).toEqual({
      kind: "service",
      namespace: "default",
      service: "web",
      port: { number: 8080 },
    });
  });
});

describe("several Ingresses", () => {
  it("merges paths of one host from several Ingresses", () => {
    const table = routes(
      ingress("a", [rule("x.com", svcPath("/a", "Prefix", "a"))]),
      ingress("b", [rule("x.com", svcPath("/b", "Prefix", "b"))]),
    );
    expect(serviceFor(table, "x.com", "/a")).toBe("a");
    expect(serviceFor(table, "x.com", "/b/1")).toBe("b");
    expect(table.warnings).toEqual([]);
  });

  it("the oldest Ingress wins a path conflict; the other gets a warning", () => {
    const newer = ingress("newer", [rule("x.com", svcPath("/api/", "Prefix", "new"))], {
      created: "2026-02-01T00:00:00Z",
    });
    const older = ingress("older", [rule("x.com", svcPath("/api", "Prefix", "old"))], {
      created: "2026-01-01T00:00:00Z",
    });
    const table = routes(newer, older);
    expect(serviceFor(table, "x.com", "/api")).toBe("old");
    expect(table.warnings).toEqual([
      {
        ingress: { namespace: "default", name: "newer", uid: "uid-newer" },
        reason: "PathConflict",
        message:
          'spec.rules[0].http.paths[0]: host "x.com" path "/api/" (Prefix) is already served by Ingress default/older ' +
          "(service old:80); this path (service new:80) is not used",
      },
    ]);
  });

  it("equal timestamps break ties by namespace, then name, whatever the input order", () => {
    const a = ingress("a", [rule("x.com", svcPath("/", "Prefix", "from-b-ns"))], { namespace: "b" });
    const b = ingress("z", [rule("x.com", svcPath("/", "Prefix", "from-a-ns"))], { namespace: "a" });
    expect(serviceFor(routes(a, b), "x.com", "/")).toBe("from-a-ns");
    expect(serviceFor(routes(b, a), "x.com", "/")).toBe("from-a-ns");
  });

  it("Prefix and ImplementationSpecific on the same path conflict", () => {
    const table = routes(
      ingress("a", [
        rule(undefined, svcPath("/x", "Prefix", "a"), svcPath("/x", "ImplementationSpecific", "b")),
      ]),
    );
    expect(serviceFor(table, "h", "/x")).toBe("a");
    expect(table.warnings.map((w) => w.reason)).toEqual(["PathConflict"]);
    expect(table.warnings[0]?.message).toContain("already served by an earlier path of this Ingress");
  });

  it("Exact and Prefix on the same path do not conflict", () => {
    const table = routes(
      ingress("a", [rule(undefined, svcPath("/x", "Prefix", "p"), svcPath("/x", "Exact", "e"))]),
    );
    expect(table.warnings).toEqual([]);
  });

  it("default backends: the oldest is global; each Ingress's own serves its hosts", () => {
    const first = ingress("first", [rule("a.com", svcPath("/app", "Prefix", "a-app"))], {
      created: "2026-01-01T00:00:00Z",
      defaultBackend: "a-default",
    });
    const second = ingress("second", [rule("b.com", svcPath("/app", "Prefix", "b-app"))], {
      created: "2026-01-02T00:00:00Z",
      defaultBackend: "b-default",
    });
    const table = routes(second, first);
    expect(serviceFor(table, "a.com", "/other")).toBe("a-default");
    expect(serviceFor(table, "b.com", "/other")).toBe("b-default");
    expect(serviceFor(table, "c.com", "/")).toBe("a-default");
    expect(table.warnings).toEqual([]);
  });

  it("a default backend that serves nothing is reported", () => {
    const first = ingress("first", [], { created: "2026-01-01T00:00:00Z", defaultBackend: "one" });
    const second = ingress("second", [], { created: "2026-01-02T00:00:00Z", defaultBackend: "two" });
    const table = routes(first, second);
    expect(serviceFor(table, "any", "/")).toBe("one");
    expect(table.warnings).toEqual([
      {
        ingress: { namespace: "default", name: "second", uid: "uid-second" },
        reason: "DefaultBackendIgnored",
        message:
          "spec.defaultBackend (service two:80) is not used: Ingress default/first is older and its " +
          "defaultBackend answers requests no rule matches",
      },
    ]);
  });

  it("Ingresses in other namespaces route to services in their own namespace", () => {
    const m = matchRoute(
      routes(ingress("a", [rule("x", svcPath("/", "Prefix", "web"))], { namespace: "shop" })),
      "x",
      "/",
    );
    expect(m?.target).toMatchObject({ namespace: "shop", service: "web" });
  });
});

describe("ingress classes", () => {
  const one = (o: Parameters<typeof ingress>[2]): RoutingTable =>
    routes(ingress("c", [rule(undefined, svcPath("/", "Prefix", "web"))], o));

  it("serves Ingresses without class and with class berth", () => {
    expect(one({}).served).toHaveLength(1);
    expect(one({ className: "berth" }).served).toHaveLength(1);
    expect(one({ annotations: { "kubernetes.io/ingress.class": "berth" } }).served).toHaveLength(1);
  });

  it("leaves other classes to their controllers", () => {
    expect(serviceFor(one({ className: "nginx" }), "x", "/")).toBe("404");
    expect(one({ annotations: { "kubernetes.io/ingress.class": "nginx" } }).served).toHaveLength(0);
  });

  it("spec.ingressClassName wins over the legacy annotation", () => {
    expect(
      one({ className: "berth", annotations: { "kubernetes.io/ingress.class": "nginx" } }).served,
    ).toHaveLength(1);
  });

  it("serves a configured class name instead of berth", () => {
    const ing = ingress("c", [rule(undefined, svcPath("/", "Prefix", "web"))], { className: "public" });
    expect(compileRoutes([ing], { className: "public" }).served).toHaveLength(1);
    expect(compileRoutes([ing]).served).toHaveLength(0);
  });
});

describe("rules berth cannot serve", () => {
  it("resource backends answer 503 through an unsupported target, with a warning", () => {
    const ing = ingress("r", [
      {
        http: {
          paths: [
            {
              path: "/static",
              pathType: "Prefix",
              backend: { resource: { apiGroup: "k8s.example.com", kind: "StorageBucket", name: "assets" } },
            },
          ],
        },
      },
    ]);
    const table = routes(ing);
    expect(serviceFor(table, "x", "/static/a.png")).toBe(
      "unsupported: resource backend StorageBucket default/assets is not supported by berth's ingress",
    );
    expect(table.warnings.map((w) => w.reason)).toEqual(["UnsupportedBackend"]);
  });

  it("skips invalid hosts and relative paths with a warning", () => {
    const table = routes(
      ingress("bad", [
        rule("foo.*.com", svcPath("/", "Prefix", "x")),
        rule("ok.com", svcPath("relative", "Prefix", "y")),
      ]),
    );
    expect(table.exact.size).toBe(1);
    expect(table.wildcard.size).toBe(0);
    expect(table.warnings.map((w) => [w.reason, w.message])).toEqual([
      ["InvalidRule", 'spec.rules[0].host "foo.*.com" is not a host or *.wildcard; rule ignored'],
      ["InvalidRule", 'spec.rules[1].http.paths[0].path "relative" does not start with "/"; path ignored'],
    ]);
  });

  it("no Ingress at all routes nothing", () => {
    expect(matchRoute(compileRoutes([]), "x", "/")).toBeUndefined();
  });
});
