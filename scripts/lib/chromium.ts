/**
 * Where the browser tests (test/e2e/browser.test.ts) find Chromium, and so
 * where `npm test`'s pretest step (scripts/ensure-chromium.ts) looks before
 * it installs one: $CHROMIUM_PATH when it is set, else `chromium` on $PATH
 * (Debian's package puts it at /usr/bin/chromium).
 */
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The first executable `name` on `path` ($PATH), or null. */
export function which(name: string, path = process.env.PATH ?? ""): string | null {
  for (const dir of path.split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** The Chromium the tests drive, or null when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return isExecutable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  return which("chromium", env.PATH);
}
