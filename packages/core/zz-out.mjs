import { readFileSync } from "node:fs";
import { compile, importPersonas, parsePersona } from "/work/wt-import/packages/core/dist/index.js";

for (const p of process.argv.slice(2)) {
  const r = importPersonas(readFileSync("/work/shared/corpus/" + p, "utf8"), { path: p });
  for (const file of r.files) {
    const persona = parsePersona(file.text, { path: file.path }).persona;
    for (const o of compile([persona], { targets: [file.home] }).files) {
      console.log("#####", o.path);
      console.log(o.contents.split("\n").slice(0, 9).join("\n"));
    }
  }
}
