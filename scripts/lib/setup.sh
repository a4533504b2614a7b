# Shared set-up steps for scripts/build and scripts/test: install only what is missing.
# Sourced, not run. Each step is idempotent and costs a few milliseconds when nothing is missing.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.venv"

say() { printf 'argmap setup: %s\n' "$*" >&2; }

# Material prints an end-of-life banner on every MkDocs run; our own messages matter more.
export NO_MKDOCS_2_WARNING=1

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

# ensure_venv EXTRAS: a .venv with the package installed (editable) with those extras.
# Reinstalls only when pyproject.toml or the extras changed since the last install.
ensure_venv() {
  local extras="$1" python stamp want
  if [ ! -x "$VENV/bin/python" ]; then
    python="$(find_python)" || { say "Python 3.11 or newer is needed (python3.11 not found)."; exit 2; }
    say "creating .venv with $python"
    "$python" -m venv "$VENV"
  fi
  stamp="$VENV/.argmap-installed"
  want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1) [$extras]"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing argmap[$extras] into .venv"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e "$ROOT[$extras]"
    printf '%s' "$want" >"$stamp"
  fi
}

# apt_install PACKAGE COMMAND WHY: install a Debian package when COMMAND is absent.
apt_install() {
  local package="$1" command="$2" why="$3"
  command -v "$command" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    say "$why needs '$command': install the Debian package '$package' (sudo apt-get install $package) and run again."
    exit 2
  fi
  say "installing $package with apt-get ($why)"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null; }; then
    say "apt-get could not install $package; install it by hand and run again."
    exit 2
  fi
}

ensure_dot() { apt_install graphviz dot "drawing the argument maps"; }
ensure_chromium() { apt_install chromium chromium "the browser tests"; }

# Node packages for the browser tests (axe-core), installed once into tests/browser.
ensure_axe() {
  local dir="$ROOT/tests/browser"
  [ -f "$dir/node_modules/axe-core/axe.min.js" ] && return 0
  apt_install npm npm "the accessibility tests (axe-core)"
  say "installing axe-core from npm"
  (cd "$dir" && npm ci --silent --no-audit --no-fund >/dev/null 2>&1) ||
    (cd "$dir" && npm install --silent --no-audit --no-fund >/dev/null) ||
    { say "npm could not install axe-core"; exit 2; }
}

# Builds are reproducible: dates come from the last commit, not the clock.
export_source_date() {
  if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    SOURCE_DATE_EPOCH="$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || echo 0)"
    export SOURCE_DATE_EPOCH
  fi
}
