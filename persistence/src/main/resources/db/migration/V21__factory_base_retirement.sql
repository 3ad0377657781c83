-- Bases can be retired (no new runs on them; runs and published versions that used them keep their files), and two
-- organizations may each import the same weights privately: a base is unique per owner (or shared) and SHA-256.
alter table factory_base_model
    add column retired_at timestamptz,
    add column retired_by varchar(320);
alter table factory_base_model drop constraint factory_base_model_sha256_key;
create unique index factory_base_model_owner_sha256
    on factory_base_model (coalesce(owner_tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), sha256);
