-- A model version may answer with retrieval over its DataNet releases: the k records nearest in meaning to the last
-- user message go into the prompt, and each answer is attributed to them by leave-one-out. It changes every answer of
-- the version, so it belongs to the immutable version, chosen at publication (adding a column fires no row trigger;
-- existing versions have none). Serving keeps its own copy with the version, as it does the price.
alter table factory_model_version
    add column retrieval_top_k integer check (retrieval_top_k between 1 and 8);
alter table serving_version
    add column retrieval_top_k integer check (retrieval_top_k between 1 and 8);
