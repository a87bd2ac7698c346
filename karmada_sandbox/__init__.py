"""The sandbox Karmada: a Kubernetes-API-compatible server with simulated Karmada behaviour."""
