#!/usr/bin/env bash
# Brings Hearth's team server up on a local kind cluster: builds the image, creates the cluster (deploy/k8s/overlays/
# kind/kind-cluster.yaml), installs Traefik, makes the secrets as files, applies the kind overlay, waits for every
# workload and runs the smoke test against the Ingress. Needs docker, kind, kubectl, helm and openssl (the GitHub
# workflow's kind job runs it). Safe to run again: everything is created or updated in place.
#
#   deploy/k8s/kind/up.sh            # up and smoke-tested
#   deploy/k8s/kind/up.sh --down     # delete the cluster
set -euo pipefail
cd "$(dirname "$0")/../../.."

cluster="${HEARTH_KIND_CLUSTER:-hearth}"
secrets="${HEARTH_KIND_SECRETS:-.hearth-dev/kind-secrets}"
host=hearth.localtest.me
traefik_chart_version=36.3.0

for tool in docker kind kubectl helm openssl; do
  command -v "$tool" >/dev/null || { echo "up.sh needs $tool on PATH" >&2; exit 1; }
done

if [ "${1:-}" = "--down" ]; then
  kind delete cluster --name "$cluster"
  exit 0
fi

version="$(sed -n 's/^  "version": "\(.*\)",$/\1/p' package.json)"
image="localhost/hearth:${version}"
grep -q "newTag: ${version}$" deploy/k8s/overlays/kind/kustomization.yaml || {
  echo "deploy/k8s/overlays/kind/kustomization.yaml must tag the image ${version} (package.json's version)" >&2
  exit 1
}

echo "› image ${image}"
docker build -t "$image" .

if ! kind get clusters | grep -qx "$cluster"; then
  echo "› kind cluster ${cluster}"
  kind create cluster --name "$cluster" --config deploy/k8s/overlays/kind/kind-cluster.yaml --wait 120s
fi
kubectl config use-context "kind-${cluster}" >/dev/null
kind load docker-image "$image" --name "$cluster"

echo "› Traefik ${traefik_chart_version}"
helm upgrade --install traefik traefik --repo https://traefik.github.io/charts --version "$traefik_chart_version" \
  --namespace traefik --create-namespace --values deploy/k8s/overlays/kind/traefik-values.yaml --wait --timeout 5m
# The gateway's NetworkPolicy admits only namespaces carrying this label.
kubectl label namespace traefik hearth.app/ingress-controller=true --overwrite >/dev/null

echo "› secrets (files under ${secrets})"
mkdir -p "$secrets"
chmod 700 "$secrets"
umask 077
make_secret() { [ -s "$secrets/$1" ] || printf '%s' "$2" >"$secrets/$1"; }
make_secret postgres-password "$(openssl rand -hex 24)"
make_secret s3-access-key-id "hearth$(openssl rand -hex 6)"
make_secret s3-secret-key "$(openssl rand -hex 24)"
make_secret api-key "hk_kind_$(openssl rand -hex 24)"
printf '%s chat,search,ingest kind smoke test\n' "$(cat "$secrets/api-key")" >"$secrets/api-keys"
cat >"$secrets/s3.json" <<JSON
{"identities":[{"name":"hearth","credentials":[{"accessKey":"$(cat "$secrets/s3-access-key-id")","secretKey":"$(cat "$secrets/s3-secret-key")"}],"actions":["Admin","Read","Write","List","Tagging"]}]}
JSON
if [ ! -s "$secrets/tls.crt" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=${host}" -addext "subjectAltName=DNS:${host}" \
    -keyout "$secrets/tls.key" -out "$secrets/tls.crt" 2>/dev/null
fi

kubectl apply -f deploy/k8s/base/namespace.yaml >/dev/null
apply_secret() { kubectl -n hearth create secret "$@" --dry-run=client -o yaml | kubectl apply -f - >/dev/null; }
apply_secret generic hearth-postgres --from-file=password="$secrets/postgres-password"
apply_secret generic hearth-s3 --from-file=access-key-id="$secrets/s3-access-key-id" \
  --from-file=secret-key="$secrets/s3-secret-key" --from-file=s3.json="$secrets/s3.json"
apply_secret generic hearth-api-keys --from-file=api-keys="$secrets/api-keys"
apply_secret tls hearth-tls --cert="$secrets/tls.crt" --key="$secrets/tls.key"

echo "› Hearth (deploy/k8s/overlays/kind)"
kubectl apply -k deploy/k8s/overlays/kind
kubectl -n hearth rollout status statefulset/postgres --timeout 5m
kubectl -n hearth rollout status statefulset/s3 --timeout 5m
kubectl -n hearth rollout status deployment/hearth --timeout 8m

deploy/k8s/kind/smoke-test.sh
