// Services and Ingresses.

import type { KObjectBase, Labels } from "./meta.js";
import type { IntOrString } from "./pod.js";

export interface ServicePort {
  name?: string;
  /** Always set after defaulting (TCP). */
  protocol?: "TCP" | "UDP" | "SCTP";
  port: number;
  /** Always set after defaulting (= port). */
  targetPort?: IntOrString;
  nodePort?: number;
  appProtocol?: string;
}

export type ServiceType = "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName";

export interface ServiceSpec {
  selector?: Labels;
  ports?: ServicePort[];
  /** Always set after defaulting (ClusterIP). */
  type?: ServiceType;
  clusterIP?: string;
  clusterIPs?: string[];
  externalName?: string;
  sessionAffinity?: "None" | "ClientIP";
  publishNotReadyAddresses?: boolean;
  externalTrafficPolicy?: "Cluster" | "Local";
}

export interface Service extends KObjectBase<"Service"> {
  spec: ServiceSpec;
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

export interface ServiceBackendPort {
  number?: number;
  name?: string;
}

export interface IngressBackend {
  service?: { name: string; port: ServiceBackendPort };
  resource?: { apiGroup?: string; kind: string; name: string };
}

export type PathType = "Exact" | "Prefix" | "ImplementationSpecific";

export interface HTTPIngressPath {
  path?: string;
  pathType: PathType;
  backend: IngressBackend;
}

export interface IngressRule {
  host?: string;
  http?: { paths: HTTPIngressPath[] };
}

export interface IngressSpec {
  ingressClassName?: string;
  defaultBackend?: IngressBackend;
  tls?: { hosts?: string[]; secretName?: string }[];
  rules?: IngressRule[];
}

export interface Ingress extends KObjectBase<"Ingress"> {
  spec: IngressSpec;
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}
