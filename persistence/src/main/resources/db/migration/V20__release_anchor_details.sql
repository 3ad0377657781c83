-- Where each release root is anchored, so that a record's proof stands alone: the chain, the ProvenanceRegistry and
-- the subject word the root was anchored under (anchorOf(root).subject).
alter table release add column anchor_chain_id bigint;
alter table release add column anchor_registry varchar(42);
alter table release add column anchor_subject varchar(66);

-- Releases anchored before V20 were anchored under their DataNet's id (the README and the contract say the release
-- id; anchoring now uses it). Their anchors stay as they are on chain, so record what they were anchored under.
update release
   set anchor_subject = '0x' || repeat('0', 32) || replace(cast(datanet_id as varchar), '-', '')
 where anchored_block is not null;
