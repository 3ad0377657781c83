// The dev chain only: contracts are compiled by scripts/build-contracts.mjs with solc-js, offline.
import { defineConfig } from "hardhat/config";

export default defineConfig({});
