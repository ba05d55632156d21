// batch/v1beta1 CronJob (removed in Kubernetes 1.25) and batch/v2alpha1 CronJob / ScheduledJob
// (ScheduledJob was renamed CronJob in 1.5; batch/v2alpha1 was removed in 1.21). batch/v2alpha1 had
// no history-limit defaults: the controller kept every finished Job, written here as MaxInt32.

import { begin, child, setIfAbsent, UNLIMITED, type Converter, type Doc } from "./common.js";

export const BATCH_V1BETA1: Readonly<Record<string, Converter>> = {
  CronJob(doc) {
    const { out, issues } = begin(doc, {
      from: "batch/v1beta1",
      kind: "CronJob",
      removedIn: "1.25",
      to: "batch/v1",
    });
    return { object: out, issues };
  },
};

function v2alpha1(kind: "CronJob" | "ScheduledJob"): Converter {
  return (doc: Doc) => {
    const { out, issues } = begin(doc, {
      from: "batch/v2alpha1",
      kind,
      removedIn: "1.21",
      to: "batch/v1",
      ...(kind === "ScheduledJob" ? { toKind: "CronJob" } : {}),
    });
    const spec = child(out, "spec");
    setIfAbsent(spec, "successfulJobsHistoryLimit", UNLIMITED);
    setIfAbsent(spec, "failedJobsHistoryLimit", UNLIMITED);
    return { object: out, issues };
  };
}

export const BATCH_V2ALPHA1: Readonly<Record<string, Converter>> = {
  CronJob: v2alpha1("CronJob"),
  ScheduledJob: v2alpha1("ScheduledJob"),
};
