"""The sandbox's HTTP API layer: routing, discovery, OpenAPI, CRUD, patch, watch and tables."""
