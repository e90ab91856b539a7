# Sourced by ./mvnw, ./walkthrough and .ci/run: makes JAVA_HOME point at a JDK >= 22.
# Keeps JAVA_HOME if it already is one; else looks at `java` on the PATH, then /usr/lib/jvm/*.
jnetlink_java_major() {
  # prints the feature version of the java binary $1 (17, 22, 25, ...), or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}
jnetlink_find_jdk() {
  local cand major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(jnetlink_java_major "$JAVA_HOME/bin/java")
    [ -n "$major" ] && [ "$major" -ge 22 ] && return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    cand=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(jnetlink_java_major "$cand/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 22 ]; then export JAVA_HOME="$cand"; return 0; fi
  fi
  for cand in $(find /usr/lib/jvm /opt/java /opt -mindepth 1 -maxdepth 1 2>/dev/null | sort -rV); do
    [ -x "$cand/bin/javac" ] || continue
    major=$(jnetlink_java_major "$cand/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 22 ]; then export JAVA_HOME="$cand"; return 0; fi
  done
  echo "jnetlink needs a JDK 22 or newer; none found (JAVA_HOME=${JAVA_HOME:-unset}, looked in PATH and /usr/lib/jvm)." >&2
  echo "Install one (e.g. Temurin 25) or set JAVA_HOME to it." >&2
  return 1
}
