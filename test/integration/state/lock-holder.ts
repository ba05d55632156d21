// Child process of lock.test.ts: opens a state file like a daemon would, reports its pid, then either
// holds the lock until killed ("hold") or exits without closing ("exit": the exit hook must release).
import { StateFile } from "../../../src/state/file.js";

const [path, mode] = process.argv.slice(2);
if (path === undefined) throw new Error("usage: lock-holder.ts <state path> hold|exit");
const file = await StateFile.open(path);
file.scheduleSave({ ...file.data });
await file.flush();
if (mode === "exit") process.exit(0);
process.stdout.write(`${JSON.stringify({ pid: process.pid })}\n`);
setInterval(() => undefined, 60_000);
