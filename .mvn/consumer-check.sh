#!/usr/bin/env bash
# The consumer check (run by ./release after staging): a tiny separate application
# (.mvn/consumer/src) compiled and run against the staged jars only, once on the class path and
# once on the module path (requires io.jnetlink.rtnl, --enable-native-access=io.jnetlink.core),
# and a source that reaches into io.jnetlink.core.ffi must not compile on the module path.
# Usage: .mvn/consumer-check.sh STAGING_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
staging=$1
. .mvn/find-jdk.sh
jnetlink_find_jdk
work=target/consumer
rm -rf "$work"; mkdir -p "$work"

jar_of() { # the staged main jar of module $1
  find "$staging/io/jnetlink/$1" -name "$1-*.jar" ! -name '*-sources.jar' ! -name '*-javadoc.jar' ! -name '*-tests.jar' | sort | tail -n1
}
slf4j_version=$(sed -n 's:.*<slf4j.version>\(.*\)</slf4j.version>.*:\1:p' pom.xml)
slf4j=${MAVEN_REPO:-$HOME/.m2/repository}/org/slf4j/slf4j-api/$slf4j_version/slf4j-api-$slf4j_version.jar
[ -f "$slf4j" ] || { echo "consumer: slf4j-api $slf4j_version not found at $slf4j" >&2; exit 1; }
libs="$(jar_of netlink-core):$(jar_of netlink-rtnl):$slf4j"
echo "consumer: against $libs"

# Class path.
"$JAVA_HOME/bin/javac" -d "$work/cp" -cp "$libs" .mvn/consumer/src/demo/App.java
"$JAVA_HOME/bin/java" -Dslf4j.internal.verbosity=ERROR --enable-native-access=ALL-UNNAMED -cp "$libs:$work/cp" demo.App

# Module path.
"$JAVA_HOME/bin/javac" -d "$work/mp" -p "$libs" $(find .mvn/consumer/src -name '*.java')
"$JAVA_HOME/bin/java" -Dslf4j.internal.verbosity=ERROR --enable-native-access=io.jnetlink.core -p "$libs:$work/mp" -m demo/demo.App

# The native bindings stay inside the module.
if "$JAVA_HOME/bin/javac" -d "$work/ffi" -p "$libs" $(find .mvn/consumer/src-ffi -name '*.java') 2>"$work/ffi.err"; then
  echo "consumer: FAIL: io.jnetlink.core.ffi is visible to a module that requires io.jnetlink.rtnl" >&2
  exit 1
fi
grep -q 'io.jnetlink.core.ffi' "$work/ffi.err" || { cat "$work/ffi.err" >&2; exit 1; }
echo "consumer ok: io.jnetlink.core.ffi is not visible on the module path ($(grep -m1 -o 'package io.jnetlink.core.ffi [^(]*' "$work/ffi.err"))"
