#!/usr/bin/env bash
# Rolls BffPlatform out to the current kubectl context in the one safe order:
#   1. namespace, ConfigMaps, Secrets (and the local overlay's PostgreSQL/Redis);
#   2. identity's signing keys, created once when the identity-keys Secret is missing;
#   3. the migration Job (the previous run deleted first: Jobs are immutable), waited for;
#   4. everything else: Deployments roll only onto a migrated schema; then their rollouts are waited for.
# Refuses Secrets that still hold REPLACE-ME. Usage: deploy/k8s/apply.sh <overlay> [--dry-run]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
overlay="${1:?usage: apply.sh <local|production|path to an overlay> [--dry-run]}"
[ -d "$overlay" ] || overlay="$here/overlays/$overlay"
[ -f "$overlay/kustomization.yaml" ] || { echo "error: no kustomization.yaml in $overlay" >&2; exit 2; }
dry=""
[ "${2:-}" = "--dry-run" ] && dry="--dry-run=client"
namespace="${NAMESPACE:-bffplatform}"
timeout="${MIGRATION_TIMEOUT:-900s}"

rendered="$(mktemp)"
trap 'rm -f "$rendered"' EXIT
kubectl kustomize "$overlay" >"$rendered" 2> >(grep -v "is deprecated" >&2)
if grep -q "REPLACE-ME" "$rendered"; then
  echo "error: the overlay still has REPLACE-ME placeholders (Secrets): give real values first (docs/deployment.md)" >&2
  exit 3
fi

step() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

step "configuration and backing stores"
kubectl apply $dry -f "$rendered" -l 'app.kubernetes.io/component in (config,backing)'

if ! kubectl -n "$namespace" get secret identity-keys >/dev/null 2>&1; then
  step "identity-keys: new RSA signing and encryption keys (kept in the cluster only)"
  keys="$(mktemp -d)"
  "$here/../identity-keys.sh" "$keys"
  kubectl -n "$namespace" create secret generic identity-keys $dry \
    --from-file="$keys/signing-1.pem" --from-file="$keys/encryption-1.pem"
  rm -rf "$keys"
fi

if [ -z "$dry" ]; then
  for store in postgres redis; do
    if grep -q "name: $store$" "$rendered"; then
      kubectl -n "$namespace" rollout status "deployment/$store" --timeout=300s
    fi
  done
fi

step "migration Job (core-api, identity, bff-web and public-api with --migrate)"
kubectl -n "$namespace" delete job platform-migrate --ignore-not-found $dry
kubectl apply $dry -f "$rendered" -l app.kubernetes.io/component=migration
if [ -z "$dry" ]; then
  if ! kubectl -n "$namespace" wait --for=condition=complete job/platform-migrate --timeout="$timeout"; then
    kubectl -n "$namespace" logs job/platform-migrate --all-containers --tail=50 >&2 || true
    echo "error: the migration did not complete; the running version is untouched" >&2
    exit 4
  fi
fi

step "services, autoscalers, disruption budgets, ingress"
kubectl apply $dry -f "$rendered" -l 'app.kubernetes.io/component in (service,ingress)'
if [ -z "$dry" ]; then
  for deployment in identity core-api bff-web bff-mobile public-api; do
    kubectl -n "$namespace" rollout status "deployment/$deployment" --timeout=600s
  done
fi

if [ "$(basename "$overlay")" = local ]; then
  cat <<TXT

Reach the local cluster (add "127.0.0.1 identity" to /etc/hosts once):
  kubectl -n $namespace port-forward svc/identity 5100 &
  kubectl -n $namespace port-forward svc/bff-web 5300 &
  kubectl -n $namespace port-forward svc/bff-mobile 5400 &
  kubectl -n $namespace port-forward svc/public-api 5500 &
  open http://localhost:5300/
TXT
fi
