-- The DataNet owner's dashboard finds the receipts that credited a DataNet's records without scanning every receipt.
create index attribution_receipt_record_datanet on attribution_receipt_record (data_net_id, receipt_id);
