// Child process of crash.test.ts: replaces the target with version B, A, B, A, ... through berth's
// writeFileAtomic until it is killed. Plain JavaScript so it starts in milliseconds; the test hands it
// the path of atomic-write.ts compiled to JavaScript.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [modulePath, target, aPath, bPath] = process.argv.slice(2);
const { writeFileAtomic } = await import(pathToFileURL(modulePath).href);
const versions = [readFileSync(bPath), readFileSync(aPath)];
process.stdout.write("ready\n");
for (let i = 0; ; i++) await writeFileAtomic(target, versions[i % 2]);
