#!/bin/sh
# Starts the virtual social-security card (ssse_card.py) with Debian's Python and the two packaging
# fixes of shared/RECIPES.md: virtualsmartcard lives under /usr/lib/python3/site-packages, and it
# imports Crypto where Debian ships Cryptodome. Arguments are passed on (e.g. --port 35964).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
shim=${TMPDIR:-/tmp}/kioskd-vicc-crypto
if [ ! -e "$shim/Crypto" ]; then
  mkdir -p "$shim"
  ln -sfn /usr/lib/python3/dist-packages/Cryptodome "$shim/Crypto"
fi
export PYTHONPATH="/usr/lib/python3/site-packages/virtualsmartcard:$shim${PYTHONPATH:+:$PYTHONPATH}"
exec /usr/bin/python3 -u "$here/ssse_card.py" "$@"
