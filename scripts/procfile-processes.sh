#!/usr/bin/env bash
# Which Procfile processes `make run` starts: the embedded Redis only when REDIS_URL is not set.
processes="web worker beat sync sandbox"
if [ -z "${REDIS_URL:-}" ]; then processes="redis $processes"; fi
echo "$processes"
