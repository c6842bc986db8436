// The tool's name and version, read once from package.json so reports name the exact release.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Root of the installed package (holds package.json, templates/, checklist/, data/). */
export const PACKAGE_ROOT = fileURLToPath(new URL("../", import.meta.url));

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  name: string;
  version: string;
};

export const TOOL_NAME = pkg.name;
export const TOOL_VERSION = pkg.version;
