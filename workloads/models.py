"""Workload and policy inventory (grows with the workloads issue)."""
