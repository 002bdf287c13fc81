#!/usr/bin/env bash
# Smoke test of a running kind deployment, through the Ingress only (https://hearth.localtest.me on host port 443,
# resolved to 127.0.0.1 here): readiness, the UI, the gateway API with the key from the mounted secret, a wrong key
# refused, and every gateway replica ready. Run by up.sh; exits non-zero with what failed.
set -euo pipefail
cd "$(dirname "$0")/../../.."

secrets="${HEARTH_KIND_SECRETS:-.hearth-dev/kind-secrets}"
host=hearth.localtest.me
base="https://${host}"
curl_hearth() { curl --silent --show-error --max-time 20 --resolve "${host}:443:127.0.0.1" --cacert "$secrets/tls.crt" "$@"; }
fail() { echo "smoke test failed: $*" >&2; kubectl -n hearth get pods -o wide >&2 || true; exit 1; }

# The Ingress may need a few seconds to pick up the endpoints after the rollout.
for _ in $(seq 1 30); do
  if curl_hearth --fail "$base/readyz" >/dev/null 2>&1; then break; fi
  sleep 2
done
ready="$(curl_hearth --fail "$base/readyz")" || fail "/readyz did not answer through the Ingress"
[ "$ready" = '{"ready":true,"state":"ready"}' ] || fail "/readyz answered ${ready}"
echo "✓ /readyz through the Ingress (TLS verified against hearth-tls)"

page="$(curl_hearth --fail "$base/")" || fail "the UI did not load"
grep -qi '<!doctype html>' <<<"$page" || fail "/ is not the UI page"
echo "✓ the UI page"

models="$(curl_hearth --fail -H "authorization: Bearer $(cat "$secrets/api-key")" "$base/v1/models")" ||
  fail "/v1/models refused the key from the mounted secret"
grep -q '"object":"list"' <<<"$models" || fail "/v1/models answered ${models}"
echo "✓ /v1/models with the API key from the hearth-api-keys secret (a file in the pod)"

status="$(curl_hearth -o /dev/null -w '%{http_code}' -H 'authorization: Bearer hk_kind_wrong_key_0000000000000000000000' "$base/v1/models")"
[ "$status" = 401 ] || fail "a wrong key got ${status}, not 401"
echo "✓ a wrong key is refused (401)"

want="$(kubectl -n hearth get deployment hearth -o jsonpath='{.spec.replicas}')"
have="$(kubectl -n hearth get deployment hearth -o jsonpath='{.status.readyReplicas}')"
[ "$want" = "$have" ] && [ "$want" -ge 2 ] || fail "${have:-0} of ${want} gateway replicas ready"
echo "✓ ${have} gateway replicas ready"
