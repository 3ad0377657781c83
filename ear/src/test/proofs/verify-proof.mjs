// Checks a downloaded Tributary proof (format tributary.proof.v1, docs/proofs.md) as a third party would: with
// OpenZeppelin's own StandardMerkleTree for the inclusion and a plain JSON-RPC eth_call of the ProvenanceRegistry
// named in the file for the anchor. Nothing from Tributary is used.
//
//   node verify-proof.mjs proof.json http://127.0.0.1:8545
//
// Prints one JSON object with each check; exits 0 only when every check passes.
import { readFileSync } from 'node:fs';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { keccak256 } from 'ethereum-cryptography/keccak.js';
import { sha256 } from 'ethereum-cryptography/sha256.js';
import { bytesToHex, utf8ToBytes } from 'ethereum-cryptography/utils.js';

const [file, rpcUrl] = process.argv.slice(2);
if (!file || !rpcUrl) {
  console.error('usage: node verify-proof.mjs PROOF.json RPC_URL');
  process.exit(2);
}
const proof = JSON.parse(readFileSync(file, 'utf8'));
if (proof.format !== 'tributary.proof.v1' || proof.hash !== 'keccak256') {
  console.error(`not a tributary.proof.v1 keccak256 proof: ${proof.format} ${proof.hash}`);
  process.exit(2);
}

const KINDS = ['DataNetRelease', 'AttributionBatch']; // the contract's enum, in order
const lower = (hex) => (hex ?? '').toLowerCase();
const uuidWord = (uuid) => '0x' + '0'.repeat(32) + uuid.replaceAll('-', '').toLowerCase();

async function rpc(method, params) {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const answer = await response.json();
  if (answer.error) throw new Error(`${method}: ${answer.error.message}`);
  return answer.result;
}

const result = {};

// 1. Inclusion, by OpenZeppelin's library: the leaf values, the proof, the root.
result.inclusion = StandardMerkleTree.verify(proof.root, proof.leafEncoding, proof.leafValues, proof.proof);
result.leafMatches = lower(StandardMerkleTree.of([proof.leafValues], proof.leafEncoding).leafHash(proof.leafValues))
  === lower(proof.leaf);

// The record's fields are what the leaf values say (tributary.datanet-record.v1: recordId, contentSha256, contributorId).
if (proof.encoding === 'tributary.datanet-record.v1') {
  const expected = [uuidWord(proof.record.recordId), lower(proof.record.contentSha256), uuidWord(proof.record.contributorId)];
  result.recordMatchesLeafValues = expected.every((word, i) => word === lower(proof.leafValues[i]));
}

// tributary.attribution-receipt.v1 (docs/attribution.md): receiptId, modelVersionId, promptSha256, outputSha256,
// contentSha256, charge (uint256 as a word); contentSha256 is the SHA-256 of context.content.
if (proof.encoding === 'tributary.attribution-receipt.v1') {
  const r = proof.record;
  const chargeWord = '0x' + BigInt(r.charge).toString(16).padStart(64, '0');
  const expected = [uuidWord(r.receiptId), uuidWord(r.modelVersionId), lower(r.promptSha256), lower(r.outputSha256),
    lower(r.contentSha256), chargeWord];
  result.recordMatchesLeafValues = expected.every((word, i) => word === lower(proof.leafValues[i]));
  result.contentMatches = '0x' + bytesToHex(sha256(utf8ToBytes(proof.context?.content ?? ''))).replace(/^0x/, '')
    === lower(r.contentSha256);
}

// 2. The anchor, on the chain the file names: anchorOf(root) of the registry it names.
const anchor = proof.anchor;
if (!anchor) {
  result.anchored = false;
  result.reason = 'the proof says its root is not anchored yet';
} else {
  result.chainId = Number(BigInt(await rpc('eth_chainId', [])));
  result.chainMatches = result.chainId === anchor.chainId;
  const selector = bytesToHex(keccak256(utf8ToBytes('anchorOf(bytes32)'))).replace(/^0x/, '').slice(0, 8);
  const data = '0x' + selector + lower(proof.root).replace(/^0x/, '');
  const answer = (await rpc('eth_call', [{ to: anchor.registry, data }, 'latest'])).replace(/^0x/, '');
  // Anchor is a static struct, returned in place: subject, metadataHash, anchorer, blockNumber, kind.
  const word = (i) => answer.slice(64 * i, 64 * (i + 1));
  const onChain = {
    subject: '0x' + word(0),
    anchorer: '0x' + word(2).slice(24),
    blockNumber: Number(BigInt('0x' + word(3))),
    kind: KINDS[Number(BigInt('0x' + word(4)))],
  };
  result.onChain = onChain;
  result.anchored = onChain.anchorer !== '0x' + '0'.repeat(40);
  result.subjectMatches = onChain.subject === lower(anchor.subject);
  result.kindMatches = onChain.kind === anchor.kind;
  result.blockMatches = onChain.blockNumber === anchor.blockNumber;
  if (anchor.transactionHash) {
    const receipt = await rpc('eth_getTransactionReceipt', [anchor.transactionHash]);
    result.transactionMatches = receipt !== null
      && receipt.status === '0x1'
      && Number(BigInt(receipt.blockNumber)) === anchor.blockNumber
      && lower(receipt.to) === lower(anchor.registry);
  }
}

result.ok = Object.entries(result)
  .filter(([, value]) => typeof value === 'boolean')
  .every(([, value]) => value);
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
