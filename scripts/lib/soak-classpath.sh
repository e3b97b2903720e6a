# Sourced by the soak scripts: builds the examples and sets $classpath to run their main classes.
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -ntp -pl examples -am package -DskipTests dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
classpath="examples/target/classes:sync-testkit/target/classes:adapters-marketo/target/classes:adapters-salesforce/target/classes:adapters-jdbc/target/classes:sync-core/target/classes:$(cat "$cp_file")"
