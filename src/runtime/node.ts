// What the runtime layer needs to know about one node (one Docker engine). src/config turns the
// `nodes:` / `runtime:` sections of berth.yaml into these; nothing here reads files or the env.

/** How to reach a node's Docker engine. */
export interface NodeEndpoint {
  /** `unix:///var/run/docker.sock`, `tcp://host:2376`, `ssh://user@host[:port]`, or a socket path. */
  url: string;
  /** TLS client files for tcp:// endpoints (paths on the berth host). */
  tls?: { ca: string; cert: string; key: string };
  /** ssh:// endpoints: a private key file; otherwise the agent in $SSH_AUTH_SOCK is used. */
  sshKeyFile?: string;
  /** Pin the Engine API version (e.g. "1.41") instead of negotiating it. */
  apiVersion?: string;
}

/** What pods on a node may ask for. Everything defaults to "no": a Kubernetes user who needs
 * hostPath, privileged containers or the host network on a Docker host opts in per node. */
export interface NodePolicy {
  /** true: any host path; a list: only paths equal to or under one of these prefixes. */
  allowHostPath: boolean | readonly string[];
  allowPrivileged: boolean;
  allowHostNetwork: boolean;
}

export const DENY_ALL_POLICY: NodePolicy = {
  allowHostPath: false,
  allowPrivileged: false,
  allowHostNetwork: false,
};

export interface NodeRuntimeConfig {
  /** The node's name (`io.berth.node` label, spec.nodeName). */
  name: string;
  endpoint: NodeEndpoint;
  /** The node's address as seen by berth and other nodes: ephemeral published ports bind to it,
   * and it is the pod's status.hostIP. */
  address: string;
  policy: NodePolicy;
}
