#!/usr/bin/env bash
# A self-signed certificate for the scale profile's proxy, for local use and trials:
#   bash deploy/new-tls-cert.sh [name ...]     # the names clients use; localhost and 127.0.0.1 are always in
# writes deploy/tls/cert.pem and deploy/tls/key.pem (kept out of version control). Jukeboxes and browsers must trust
# cert.pem (copy it to them); for a real deployment put your CA's certificate chain and key there under the same names
# instead (docs/operations.md, "TLS").
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p tls
names="DNS:localhost,IP:127.0.0.1"
for name in "$@"; do
  if [[ "$name" =~ ^[0-9.]+$ ]]; then names="$names,IP:$name"; else names="$names,DNS:$name"; fi
done
umask 077
openssl req -x509 -newkey rsa:2048 -nodes -days 825 -sha256 -subj "/CN=${1:-localhost}" \
  -addext "subjectAltName=$names" -keyout tls/key.pem -out tls/cert.pem 2>/dev/null
# The certificate goes to every client; the key stays with the proxy (its master process reads it as root).
chmod 644 tls/cert.pem
echo "deploy/tls/cert.pem and key.pem written for $names (valid 825 days)" >&2
