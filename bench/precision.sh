#!/usr/bin/env bash
# Precision on real code: scans large amounts of code nobody here wrote (and that holds few real secrets) and prints
# findings per MB per corpus, then compares the findings with a hand-labelled sample (bench/precision-labels.tsv:
# corpus, rule, path, hash of the flagged line, verdict; never a value) and prints precision on that sample.
#
#   bench/precision.sh                 fetch what is missing, scan every corpus, print the figures
#   bench/precision.sh --unlabelled N  also list up to N findings of the current run that have no label yet
#   HOLDFAST="java -jar old.jar" PRECISION_RUN=before bench/precision.sh   the same corpora through another build
#
# Corpora (under bench/work/precision, fetched once; git ignores bench/work):
#   maven   the -sources.jar of every dependency of this project (mvn dependency:copy-dependencies -Dclassifier=sources)
#   npm     popular npm packages with their dependencies (npm install --ignore-scripts)
#   debian  Python, Ruby and PHP libraries from Debian packages (apt-get download, unpacked with dpkg-deb)
#   shared  ../shared: the commons-lang history's working tree and the test_keys repository (when present)
#   public  any folder under bench/work/precision/public (public repositories checked out by hand; optional)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/work/precision"
corpora="$work/corpora"
labels="$here/precision-labels.tsv"
unlabelled=0
if [ "${1:-}" = "--unlabelled" ]; then unlabelled="${2:-50}"; fi
mkdir -p "$corpora"

NPM_PACKAGES=(express passport passport-local jsonwebtoken mongoose stripe twilio @slack/web-api axios nodemailer
  ioredis pg mysql2 sequelize knex dotenv openai @octokit/rest next-auth webpack eslint typescript aws-sdk@2)
DEBIAN_PACKAGES=(python3-django ansible-core python3-paramiko python3-sqlalchemy python3-flask python3-requests
  ruby-activerecord ruby-actionpack ruby-devise php-symfony-security-core php-symfony-http-foundation)

fetch_maven() {
  local dir="$corpora/maven"
  [ -d "$dir" ] && return 0
  echo "precision: fetching the -sources.jar of the project's dependencies (Maven Central)..." >&2
  local jars="$work/maven-jars"
  mkdir -p "$jars"
  (cd "$root" && mvn -B -q compile dependency:copy-dependencies -Dclassifier=sources -DincludeScope=test \
      -DexcludeGroupIds=dev.holdfast -Dmdep.failOnMissingClassifierArtifact=false -DoutputDirectory="$jars" >&2) \
    || { echo "precision: mvn could not fetch sources; skipping the maven corpus" >&2; return 0; }
  mkdir -p "$dir.tmp"
  for j in "$jars"/*-sources.jar; do
    local name
    name="$(basename "$j" -sources.jar)"
    mkdir -p "$dir.tmp/$name" && (cd "$dir.tmp/$name" && unzip -q -o "$j" >/dev/null 2>&1 || true)
  done
  mv "$dir.tmp" "$dir"
}

fetch_npm() {
  local dir="$corpora/npm"
  [ -d "$dir" ] && return 0
  command -v npm >/dev/null || { echo "precision: npm not found; skipping the npm corpus" >&2; return 0; }
  echo "precision: installing ${#NPM_PACKAGES[@]} npm packages with their dependencies..." >&2
  mkdir -p "$dir.tmp"
  (cd "$dir.tmp" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund --ignore-scripts \
      "${NPM_PACKAGES[@]}" >/dev/null) || { echo "precision: npm install failed; skipping" >&2; return 0; }
  rm -f "$dir.tmp/package.json" "$dir.tmp/package-lock.json"
  mv "$dir.tmp" "$dir"
}

fetch_debian() {
  local dir="$corpora/debian"
  [ -d "$dir" ] && return 0
  command -v apt-get >/dev/null || { echo "precision: apt-get not found; skipping the debian corpus" >&2; return 0; }
  echo "precision: downloading ${#DEBIAN_PACKAGES[@]} Debian packages (apt-get download)..." >&2
  mkdir -p "$work/debs" "$dir.tmp"
  (cd "$work/debs" && apt-get download -q "${DEBIAN_PACKAGES[@]}" >/dev/null 2>&1) \
    || echo "precision: some Debian packages could not be downloaded (run apt-get update once)" >&2
  for d in "$work"/debs/*.deb; do
    [ -e "$d" ] || continue
    local name
    name="$(basename "$d" .deb)"
    mkdir -p "$dir.tmp/$name" && dpkg-deb -x "$d" "$dir.tmp/$name"
    # documentation packages aside, only the code and data a library ships: drop compiled files
    find "$dir.tmp/$name" \( -name '*.pyc' -o -name '*.mo' -o -name '*.so' \) -delete
  done
  mv "$dir.tmp" "$dir"
}

fetch_shared() {
  local dir="$corpora/shared"
  [ -d "$dir" ] && return 0
  local shared="$root/../shared"
  if [ ! -d "$shared" ]; then
    echo "precision: $shared not found; skipping the shared corpora" >&2
    return 0
  fi
  mkdir -p "$dir.tmp"
  [ -f "$shared/bench/commons-lang.bundle" ] && git clone -q "$shared/bench/commons-lang.bundle" "$dir.tmp/commons-lang"
  [ -f "$shared/corpora/test_keys.bundle" ] && git clone -q "$shared/corpora/test_keys.bundle" "$dir.tmp/test_keys"
  rm -rf "$dir.tmp"/*/.git
  mv "$dir.tmp" "$dir"
}

fetch_maven
fetch_npm
fetch_debian
fetch_shared
if [ -d "$work/public" ]; then
  rm -rf "$corpora/public"
  mkdir -p "$corpora/public"
  cp -r "$work/public/." "$corpora/public/"
fi

# HOLDFAST="java -jar old.jar" measures another build (the before/after figures of the README).
read -r -a holdfast <<<"${HOLDFAST:-$root/holdfast}"
"${holdfast[@]}" --version >/dev/null   # build once, outside the scans
# PRECISION_RUN names the run (default "current"): its reports stay in bench/work/precision/results-<run>.
results="$work/results-${PRECISION_RUN:-current}"
mkdir -p "$results"
rm -f "$results"/*.json
for c in "$corpora"/*/; do
  name="$(basename "$c")"
  echo "precision: scanning $name..." >&2
  "${holdfast[@]}" scan "$c" --format json --fail-on none --no-progress --output "$results/$name.json" \
    2>"$results/$name.err" || { echo "precision: scan of $name failed: $(tail -1 "$results/$name.err")" >&2; }
done
python3 "$here/precision_report.py" "$corpora" "$results" "$labels" "$unlabelled"
