"""Bulk downloads of the open datasets (issue 21): nightly snapshots as CSV and JSON in the default storage
(`snapshots`), their rows flattened for CSV (`rows`), and the views that serve them and the DCAT-AP.de catalogue
(`views`)."""
