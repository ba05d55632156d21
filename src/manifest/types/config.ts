// Namespaces, ConfigMaps and Secrets.

import type { KObjectBase } from "./meta.js";

export interface Namespace extends KObjectBase<"Namespace"> {
  spec?: { finalizers?: string[] };
  status?: { phase: "Active" | "Terminating" };
}

export interface ConfigMap extends KObjectBase<"ConfigMap"> {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  immutable?: boolean;
}

export interface Secret extends KObjectBase<"Secret"> {
  /** base64 values. After defaulting stringData is merged here and removed. */
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  /** Always set after defaulting (Opaque). */
  type?: string;
  immutable?: boolean;
}
