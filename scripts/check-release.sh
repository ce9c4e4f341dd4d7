#!/usr/bin/env bash
# Proves the release build is what Maven Central and a user on day one need (ADR 0024):
#  1. deploys the release build (profile "release") to a FILE repository, target/release-check/repo
#     (never ~/.m2), signing with a throwaway key when gpg is available and no key is configured;
#  2. checks each published module's files there: pom, jar, -sources.jar, -javadoc.jar (.asc for each when
#     signed), the distribution's .tar.gz and .zip, and the POM metadata Central requires;
#  3. compiles and runs a small consumer project (scripts/release-consumer) outside the reactor against that
#     repository only: our artifacts can come from nowhere else (a scratch local repository; third-party
#     artifacts from a read-only view of ~/.m2 without io/vcon, or from Maven Central).
#
# Usage: scripts/check-release.sh [--no-build]      (--no-build: check what an earlier run deployed)
# Environment:
#   CONSUMER_MODULES  artifactIds the consumer depends on (default: api, s3, inmemory, and the Spring Boot
#                     starter once vcon-storage-bom lists it)
#   SIGN              auto (default: a throwaway key if gpg is there and none is configured), 0 (never)
#   MVN_ARGS          extra arguments for the release build (e.g. -o)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT=$ROOT/target/release-check
REPO=$OUT/repo
GROUP_DIR=io/vcon/storage
START=$SECONDS
say() { echo "check-release: $*"; }
fail() { echo "check-release: FAILED: $*" >&2; exit 1; }

VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
[ -n "$VERSION" ] || fail "cannot read the version from pom.xml"
# The published modules: what vcon-storage-bom lists, the parent and the BOM themselves, the distribution.
BOM_MODULES=$(sed -n 's:.*<artifactId>\(vcon-storage-[^<]*\)</artifactId>.*:\1:p' vcon-storage-bom/pom.xml \
  | grep -vx vcon-storage-bom)
PUBLISHED="vcon-storage-parent vcon-storage-bom $BOM_MODULES vcon-storage-distribution"
if [ -z "${CONSUMER_MODULES:-}" ]; then
  CONSUMER_MODULES="vcon-storage-api vcon-storage-s3 vcon-storage-inmemory"
  if echo "$BOM_MODULES" | grep -qx vcon-storage-spring-boot-starter; then
    CONSUMER_MODULES="$CONSUMER_MODULES vcon-storage-spring-boot-starter"
  fi
fi

# --- 1. the release build, deployed to a file repository -------------------------------------------------
SIGNED=0
if [ "${1:-}" != "--no-build" ]; then
  rm -rf "$OUT"
  mkdir -p "$OUT"
  if [ -n "${MAVEN_GPG_KEY:-}" ]; then
    SIGNED=1
  elif [ "${SIGN:-auto}" = auto ] && command -v gpg >/dev/null 2>&1; then
    # A throwaway key, only to prove the signing path; a real release signs with the project's key.
    export GNUPGHOME=$OUT/gnupg
    mkdir -m 700 -p "$GNUPGHOME"
    # gpg starts an agent for this home: stop it when the script ends.
    trap 'gpgconf --kill gpg-agent >/dev/null 2>&1 || true' EXIT
    gpg --batch --quiet --pinentry-mode loopback --passphrase check-release \
      --quick-gen-key "vcon-storage release check <check-release@invalid>" rsa3072 sign never 2>/dev/null
    MAVEN_GPG_KEY=$(gpg --batch --quiet --pinentry-mode loopback --passphrase check-release \
      --export-secret-keys --armor)
    export MAVEN_GPG_KEY MAVEN_GPG_PASSPHRASE=check-release
    SIGNED=1
  fi
  say "release build of $VERSION -> $REPO (signed: $([ $SIGNED = 1 ] && echo yes || echo no))"
  # shellcheck disable=SC2086
  # Only the published modules (and what they need): the test-only modules have nothing to deploy.
  PROJECTS=$(echo "$PUBLISHED" | tr ' ' '\n' | grep -vx vcon-storage-parent | sed 's/^/:/' | paste -sd, -)
  ./mvnw -B -q -Prelease deploy -DskipTests -pl "$PROJECTS" -am \
    "-DaltDeploymentRepository=release-check::file://$REPO" \
    ${MVN_ARGS:-}
  say "release build done ($((SECONDS - START)) s)"
else
  [ -d "$REPO/$GROUP_DIR" ] || fail "nothing deployed in $REPO; run without --no-build first"
  find "$REPO" -name '*.asc' | grep -q . && SIGNED=1
fi

# --- 2. each published module's files ----------------------------------------------------------------
# A snapshot deploys timestamped names (name-0.1.0-20261206.031000-1.jar), a release the plain version: the
# newest .pom gives the stem that the module's other files share.
stem_of() {
  local pom
  pom=$(find "$REPO/$GROUP_DIR/$1/$VERSION" -maxdepth 1 -name "$1-*.pom" 2>/dev/null | sort | tail -n 1)
  echo "${pom%.pom}"
}
files_of() { # the module's deployed files (not checksums), one per line
  local stem
  stem=$(stem_of "$1")
  [ -n "$stem" ] || return 0
  find "$(dirname "$stem")" -maxdepth 1 -type f -name "$(basename "$stem")*" ! -name '*.md5' ! -name '*.sha1' | sort
}
has_element() { grep -q "<$2>" "$1" || grep -q "<$2 " "$1"; }
PARENT_STEM=$(stem_of vcon-storage-parent)
[ -n "$PARENT_STEM" ] || fail "vcon-storage-parent was not deployed to $REPO"
PARENT_POM=$PARENT_STEM.pom
CHECKED=0
for module in $PUBLISHED; do
  stem=$(stem_of "$module")
  [ -n "$stem" ] || fail "$module was not deployed to $REPO"
  pom=$stem.pom
  packaging=$(sed -n 's:^  <packaging>\(.*\)</packaging>.*:\1:p' "$pom")
  expected=(.pom)
  if [ "${packaging:-jar}" = jar ]; then
    expected+=(.jar -sources.jar -javadoc.jar)
  fi
  [ "$module" = vcon-storage-distribution ] && expected+=(.tar.gz .zip)
  for suffix in "${expected[@]}"; do
    [ -f "$stem$suffix" ] || fail "$module: no $(basename "$stem")$suffix in $(dirname "$stem")"
  done
  if [ $SIGNED = 1 ]; then
    while read -r file; do
      case $file in *.asc) continue ;; esac
      [ -f "$file.asc" ] || fail "$module: $(basename "$file") is not signed (no .asc)"
      if [ -n "${GNUPGHOME:-}" ]; then
        gpg --batch --quiet --verify "$file.asc" "$file" 2>/dev/null \
          || fail "$module: the signature of $(basename "$file") does not verify"
      fi
    done < <(files_of "$module")
  fi
  # Central's required metadata: name and description here, the rest here or in the parent.
  for element in name description; do
    has_element "$pom" "$element" || fail "$module: the POM has no <$element>"
  done
  for element in url licenses scm developers; do
    has_element "$pom" "$element" || has_element "$PARENT_POM" "$element" \
      || fail "$module: neither its POM nor the parent's has <$element>"
  done
  CHECKED=$((CHECKED + 1))
done
say "$CHECKED published modules have pom, jar, sources, javadoc$([ $SIGNED = 1 ] && echo ', signatures') and Central's metadata"

# --- 3. a consumer project outside the reactor, against the release repository only -----------------------
CONSUMER=$OUT/consumer
rm -rf "$CONSUMER" "$OUT/m2" "$OUT/m2-tail"
mkdir -p "$CONSUMER" "$OUT/m2"
cp -r scripts/release-consumer/src "$CONSUMER/"
{
  cat <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>vcon-storage-day-one</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>io.vcon.storage</groupId>
        <artifactId>vcon-storage-bom</artifactId>
        <version>$VERSION</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
POM
  for module in $CONSUMER_MODULES; do
    printf '    <dependency><groupId>io.vcon.storage</groupId><artifactId>%s</artifactId></dependency>\n' "$module"
  done
  cat <<'POM'
  </dependencies>
  <build>
    <plugins>
      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.1</version></plugin>
      <plugin><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version></plugin>
    </plugins>
  </build>
</project>
POM
} > "$CONSUMER/pom.xml"
cat > "$OUT/settings.xml" <<SETTINGS
<settings>
  <profiles>
    <profile>
      <id>release-check</id>
      <repositories>
        <repository>
          <id>release-check</id>
          <url>file://$REPO</url>
          <releases><enabled>true</enabled></releases>
          <snapshots><enabled>true</enabled></snapshots>
        </repository>
      </repositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>release-check</activeProfile></activeProfiles>
</settings>
SETTINGS
# Third-party artifacts: a read-only view of the usual local repository without io/vcon (so none of our
# snapshots can leak in from there), else Maven Central.
USER_REPO=${MAVEN_USER_REPO:-$HOME/.m2/repository}
TAIL_ARGS=()
if [ -d "$USER_REPO" ]; then
  mkdir -p "$OUT/m2-tail/io"
  for entry in "$USER_REPO"/*; do
    [ "$(basename "$entry")" = io ] || ln -s "$entry" "$OUT/m2-tail/"
  done
  for entry in "$USER_REPO"/io/*; do
    [ -e "$entry" ] && [ "$(basename "$entry")" != vcon ] && ln -s "$entry" "$OUT/m2-tail/io/"
  done
  TAIL_ARGS=("-Dmaven.repo.local.tail=$OUT/m2-tail")
fi
say "consumer depends on: $CONSUMER_MODULES"
(cd "$CONSUMER" && "$ROOT/mvnw" -B -q -s "$OUT/settings.xml" "-Dmaven.repo.local=$OUT/m2" "${TAIL_ARGS[@]}" \
  compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt) \
  || fail "the consumer project does not build against $REPO"
# Our artifacts came from the release repository, into the scratch local repository.
for module in $CONSUMER_MODULES; do
  dir=$OUT/m2/$GROUP_DIR/$module/$VERSION
  { ls "$dir" 2>/dev/null | grep -q release-check || grep -rqs release-check "$dir"; } \
    || fail "$module was not resolved from the release repository"
done
JARS=$(tr ':' '\n' < "$CONSUMER/target/classpath.txt" | grep '/vcon-storage-[^/]*\.jar$' || true)
[ -n "$JARS" ] || fail "no vcon-storage jar on the consumer's class path"
if echo "$JARS" | grep -v "^$OUT/m2/"; then
  fail "the vcon-storage jars above did not come through the scratch repository"
fi
# shellcheck disable=SC2086
(cd "$CONSUMER" && java -cp "target/classes:$(cat target/classpath.txt)" example.DayOne $CONSUMER_MODULES) \
  || fail "the consumer project does not run"
say "OK in $((SECONDS - START)) s: $REPO, consumer in $CONSUMER"
