// The scheduler's view of nodes and pods. Quantities are plain numbers (millicores, bytes) so the
// filter and score loops do arithmetic only; everything derived from a pod's spec is computed once
// per pod (PodDemand) and everything derived from a node's bound pods is kept as running sums in
// NodeInfo (node-info.ts).

import type { Labels, NodeSelectorTerm, Taint, Toleration } from "../manifest/types.js";

/** The node model itself is a class with running sums; it lives in node-info.ts. */
export type { NodeInfo } from "./node-info.js";

export interface Resources {
  cpuMillis: number;
  memoryBytes: number;
  /** How many pods the node may run (kubelet's maxPods, 110 by default). */
  pods: number;
}

export interface ComputeRequests {
  cpuMillis: number;
  memoryBytes: number;
}

export type PortProtocol = "TCP" | "UDP" | "SCTP";

export interface HostPort {
  protocol: PortProtocol;
  /** "0.0.0.0" when the manifest leaves hostIP empty. */
  hostIP: string;
  port: number;
}

/** A pod as it weighs on a node: what the scheduler remembers of pods already bound there. */
export interface BoundPod {
  uid: string;
  namespace: string;
  name: string;
  /** Effective requests: max(sum of containers, largest init container), per resource. */
  requests: ComputeRequests;
  /** The same with 100m / 200Mi for containers that request nothing: for scoring only. */
  nonZeroRequests: ComputeRequests;
  hostPorts: HostPort[];
  /** uid of the controller owner (ownerReferences[].controller), for spreading. */
  ownerUid?: string;
}

/** What the scheduler needs of one node, as the node agents and berth.yaml report it. */
export interface NodeStatus {
  name: string;
  labels?: Labels;
  taints?: Taint[];
  unschedulable?: boolean;
  /** False when the node's agent is down or its engine does not answer. */
  ready: boolean;
  /** What pods may request in total (capacity less reserve). */
  allocatable: Resources;
}

/** Everything the filters and scores need from a pod, computed once per scheduling attempt. */
export interface PodDemand {
  /** "namespace/name", for messages and the tie-break. */
  key: string;
  requests: ComputeRequests;
  nonZeroRequests: ComputeRequests;
  hostPorts: HostPort[];
  ownerUid: string | undefined;
  /** spec.nodeName when the pod names its node itself. */
  nodeName: string | undefined;
  nodeSelector: [string, string][];
  /** Required node affinity terms (ORed); undefined when the pod has none. */
  requiredTerms: NodeSelectorTerm[] | undefined;
  preferredTerms: { weight: number; preference: NodeSelectorTerm }[];
  tolerations: Toleration[];
  /** Tolerations that can tolerate PreferNoSchedule taints (that effect or any). */
  preferNoScheduleTolerations: Toleration[];
}

/** Score plugin weights; the defaults are kube-scheduler's (see DEFAULT_WEIGHTS). */
export interface ScoreWeights {
  taintToleration: number;
  nodeAffinity: number;
  podTopologySpread: number;
  leastAllocated: number;
  balancedAllocation: number;
}

export const DEFAULT_WEIGHTS: Readonly<ScoreWeights> = {
  taintToleration: 3,
  nodeAffinity: 2,
  podTopologySpread: 2,
  leastAllocated: 1,
  balancedAllocation: 1,
};

export interface ScheduleOptions {
  /**
   * kube-scheduler's percentageOfNodesToScore: 0 or unset is adaptive (all nodes under 100; then
   * 50 − nodes/125 percent, at least 5%, at least 100 nodes); values of 100 or more check all.
   */
  percentageOfNodesToScore?: number;
  /** Where the search for feasible nodes starts (kube-scheduler rotates it between pods). */
  startIndex?: number;
  weights?: Partial<ScoreWeights>;
  /** Return every scored node's total and per-plugin scores with the choice. */
  explain?: boolean;
}

export type PluginScores = Record<keyof ScoreWeights, number>;

export interface NodeScore {
  node: string;
  total: number;
  plugins: PluginScores;
}

export interface NodeReasons {
  node: string;
  reasons: string[];
}

export type ScheduleResult =
  | {
      ok: true;
      node: string;
      /** Nodes examined by the filters; scheduleAll advances its start index by this. */
      evaluated: number;
      feasible: number;
      /** With opts.explain: the scored nodes, best first. */
      scores?: NodeScore[];
    }
  | {
      ok: false;
      /** kube-scheduler's FitError text: `0/3 nodes are available: 1 ..., 2 Insufficient memory.` */
      message: string;
      /** Why each node was rejected, in the order the nodes were given. */
      reasons: NodeReasons[];
    };
