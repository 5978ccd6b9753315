#!/bin/sh
# Renders docker/nginx.conf (a template) into an nginx include: fills in exactly the edge's
# placeholders from the environment and leaves nginx's own $variables alone. The proxy image runs
# it at start; test/e2e/edge-nginx.test.ts runs it too, so both run the same file the same way.
#   nginx-render.sh <template> <output>
set -eu
names='APP1 APP2 HTTP_PORT HTTPS_PORT PUBLIC_HTTPS_PORT TLS_CERT TLS_KEY CLIENT_DIR'
formats=''
for name in $names; do
  eval "value=\${$name:-}"
  if [ -z "$value" ]; then
    echo "nginx-render: $name is not set (docker/nginx.conf needs $names)" >&2
    exit 64
  fi
  formats="$formats \${$name}"
done
envsubst "$formats" < "$1" > "$2"
