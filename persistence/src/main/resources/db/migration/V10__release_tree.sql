-- A release's Merkle tree, stored once at publication in OpenZeppelin's node layout (root first, 32 bytes a node),
-- cut into parts of up to 1 MiB: a proof reads its O(log n) nodes with substring(), an export the parts in turn,
-- and neither loads the release's records.
create table release_tree_part (
    release_id uuid    not null references release (id),
    part       integer not null check (part >= 0),
    nodes      bytea   not null,
    primary key (release_id, part)
);
-- Uncompressed out-of-line storage, so substring() fetches only the chunks it needs.
alter table release_tree_part alter column nodes set storage external;
