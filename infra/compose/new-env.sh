#!/usr/bin/env bash
# Prints a fresh .env for docker-compose.yml: every variable of .env.example gets a new random value
# (passwords: 32 random bytes as hex; *_SHA256 the hash of the matching password or bearer token;
# *_PASSWORD_HASH the bcrypt hash of a node user's sign-in password; *_SESSION_KEY 32 random bytes, base64).
# Usage:  ./new-env.sh [--demo-keys] > .env && chmod 600 .env
# The passwords and bearer tokens the clients need are in .env (*_PASSWORD) and, for the node users'
# tokens, sign-in passwords and the receipts-API passwords whose hashes only are in .env, in ./secrets.txt
# (owner-only).
# Signing keys: a member brings its own (<CC>_SIGNING_KEY, public key in ../members.yaml); --demo-keys
# copies the published demo keys of ../demo/keys (DEMO ONLY: anyone can forge signals with them).
set -euo pipefail
cd "$(dirname "$0")"
demo_keys=false
[[ "${1:-}" == "--demo-keys" ]] && demo_keys=true
umask 077
: > secrets.txt
random() { openssl rand -hex 32; }
sha256() { printf %s "$1" | sha256sum | cut -d' ' -f1; }
bcrypt() {
  command -v htpasswd >/dev/null || { echo "new-env.sh: htpasswd (apache2-utils) is needed for the bcrypt password hashes" >&2; exit 1; }
  htpasswd -nbBC 12 "" "$1" | tr -d ':\n'
}
declare -A registry=()
while IFS= read -r line; do
  [[ "$line" =~ ^([A-Z0-9_]+)= ]] || continue
  name="${BASH_REMATCH[1]}"
  case "$name" in
    AEGIS_VERSION) value="${line#*=}" ;;
    KAFKA_CLUSTER_ID) value="$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')" ;;
    AEGIS_NETWORK_KEY|*_ACK_LINK_KEY) value="$(head -c32 /dev/urandom | base64)" ;;
    *_REGISTRY_PASSWORD) registry[$name]="${registry[$name]:-$(random)}"; value="${registry[$name]}" ;;
    *_REGISTRY_PASSWORD_SHA256)
      password_name="${name%_SHA256}"; registry[$password_name]="${registry[$password_name]:-$(random)}"
      value="$(sha256 "${registry[$password_name]}")" ;;
    *_PASSWORD_HASH)
      # a node user's sign-in password: bcrypt (cost 12) in .env, the password in secrets.txt; single-quoted,
      # because a bcrypt hash holds '$' that compose would otherwise read as variables
      secret="$(random)"; echo "${name%_HASH}=$secret" >> secrets.txt; value="'$(bcrypt "$secret")'" ;;
    *_SESSION_KEY) value="$(head -c32 /dev/urandom | base64)" ;;
    *_PASSWORD) value="$(random)" ;;
    *_PASSWORD_SHA256|*_TOKEN_SHA256)
      secret="$(random)"; echo "${name%_SHA256}=$secret" >> secrets.txt; value="$(sha256 "$secret")" ;;
    *_SIGNING_KEY)
      cc="${name%_SIGNING_KEY}"
      if $demo_keys; then value="$(tr -d '\n' < "../demo/keys/$cc.key")"; else value=""; echo "set $name: $cc's own signing key" >&2; fi ;;
    *) echo "new-env.sh: no rule for $name" >&2; exit 1 ;;
  esac
  echo "$name=$value"
done < .env.example
