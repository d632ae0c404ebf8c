#!/usr/bin/env bash
# The secrets docker-compose.yml asks for, made fresh, as an env file for `docker-compose --env-file`:
#   bash deploy/new-secrets.sh single > secrets.env   # or: scale
#   docker-compose --env-file secrets.env up -d
# Keep secrets.env out of version control (.gitignore has it); give jukeboxes the ingest key, staff the admin key.
set -euo pipefail
profile=${1:-single}
case "$profile" in
  single | scale) ;;
  *) echo "usage: bash deploy/new-secrets.sh [single|scale] > secrets.env" >&2; exit 2 ;;
esac
secret() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
cat <<ENV
COMPOSE_PROFILES=$profile
KTVREC_INGEST_KEY=$(secret)
KTVREC_ADMIN_KEY=$(secret)
KTVREC_ID_SECRET=$(secret)
KTVREC_DB_PASSWORD=$(secret)
# The scale profile's proxy serves TLS with cert.pem and key.pem from this folder (deploy/new-tls-cert.sh, or real ones).
KTVREC_TLS_DIR=./deploy/tls
ENV
