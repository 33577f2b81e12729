// Parse every ```mermaid block of the Markdown files given with Mermaid's own parser.
// Usage: MERMAID_MODULES=<folder holding node_modules> node check.mjs FILE...
// Prints "ok <diagram type>" or "error <message>" per block; exits 1 if any block fails.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(`${process.env.MERMAID_MODULES}/`);
const load = async (name) => import(pathToFileURL(require.resolve(name)).href);
const { JSDOM } = await load("jsdom");
const dom = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const mermaid = (await load("mermaid")).default;
mermaid.initialize({ startOnLoad: false });

let failed = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  for (const match of text.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)) {
    try {
      const result = await mermaid.parse(match[1]);
      console.log(`ok ${result.diagramType}`);
    } catch (error) {
      failed += 1;
      console.log(`error ${String(error.message).split("\n").join(" ")}`);
    }
  }
}
process.exit(failed ? 1 : 0);
