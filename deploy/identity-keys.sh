#!/usr/bin/env bash
# identity's signing and encryption keys for a scaled-out run: two fresh RSA 2048 keys as
# signing-1.pem and encryption-1.pem in <dir>, made once (existing files are kept: every
# identity instance must sign with the same keys, and a new key would end every session).
# On PostgreSQL identity never generates keys itself. Kubernetes: apply.sh makes the
# identity-keys Secret the same way. Usage: deploy/identity-keys.sh <dir>
set -euo pipefail
dir="${1:?usage: identity-keys.sh <dir>}"
mkdir -p "$dir"
for file in signing-1.pem encryption-1.pem; do
  if [ ! -f "$dir/$file" ]; then
    openssl genrsa -out "$dir/$file" 2048 2>/dev/null
    # Readable by the container's unprivileged user when the folder is bind-mounted (local trials only).
    chmod 0644 "$dir/$file"
  fi
done
