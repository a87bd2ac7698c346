"""The sandbox Karmada: a Kubernetes-API-compatible server with simulated Karmada behaviour.

- `server.SandboxServer`: the HTTP(S) API server on a background thread, with a kubeconfig.
- `registry`: the served resource types; `store`: the in-memory object store (one per server).
- `api`: routing, discovery, OpenAPI, CRUD / patch / watch, tables, validation, admission.
- `world.KarmadaWorld`: member clusters and simulated controllers around the control plane.

kubectl and other client-go tools send bearer tokens only over HTTPS: use `tls=True` for them.
Over HTTPS the server also accepts client certificates signed by its CA. A token controller fills
service-account token Secrets, whose tokens the server then accepts.
"""
