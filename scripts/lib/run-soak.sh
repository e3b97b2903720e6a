# Sourced by the soak scripts with MAIN set (a class in io.unisync.examples): builds the examples, then runs MAIN on a
# throwaway PostgreSQL (embedded, from Maven; or UNISYNC_TEST_POSTGRES_URL) with --kills N (the first argument, 200 by default) and the remaining arguments.
kills="${1:-200}"
shift || true
cp_file=$(mktemp)
./mvnw -B -q -ntp -pl examples -am package -DskipTests dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
classpath="examples/target/classes:sync-testkit/target/classes:adapters-marketo/target/classes:adapters-salesforce/target/classes:adapters-jdbc/target/classes:sync-core/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classpath" \
  "io.unisync.examples.$MAIN" --kills "$kills" "$@"
