// Bundle the console's JavaScript and CSS from npm packages into static/dist.
import { build } from "esbuild";
import { cpSync, mkdirSync } from "node:fs";

const out = "static/dist";
mkdirSync(out, { recursive: true });

await build({
  // The YAML editor (CodeMirror, ~400 kB) loads only on the editor pages.
  entryPoints: { app: "frontend/app.js", editor: "frontend/editor.js" },
  bundle: true,
  minify: true,
  sourcemap: true,
  format: "iife",
  target: "es2020",
  outdir: out,
});
await build({
  entryPoints: { app: "frontend/app.css" },
  bundle: true,
  minify: true,
  outdir: out,
  loader: { ".woff": "file", ".woff2": "file" },
});
// Swagger UI is served as-is for the API docs page.
cpSync("node_modules/swagger-ui-dist", `${out}/swagger-ui`, { recursive: true });
console.log(`built ${out}`);
