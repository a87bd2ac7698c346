"""The sandbox's HTTP API layer.

`handler` parses HTTP and authenticates (the server decides who may read or write); `router`
maps paths to `discovery`, `openapi`, `resources` (CRUD, status, scale, logs), `listing` and
`watch`, and to the Cluster proxy and `/sandbox/v1` fault endpoints. Writes pass `validation`
(schemas from `schemas`, ObjectMeta rules from `metadata_rules`) and `admission` (Cluster API
and karmada-webhook rules).
"""
