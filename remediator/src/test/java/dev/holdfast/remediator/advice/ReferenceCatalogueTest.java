package dev.holdfast.remediator.advice;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceCatalogueTest {
    private final ReferenceCatalogue catalog = ReferenceCatalogue.builtin();

    /** One reference of every kind the catalogue's patterns know, each in a file where it is written. */
    private static final List<String[]> WRITTEN = List.of(
            new String[] {"app.yml", "password: ${DB_PASSWORD}", "DB_PASSWORD"},
            new String[] {".github/workflows/ci.yml", "token: ${{ secrets.NPM_TOKEN }}", "NPM_TOKEN"},
            new String[] {"App.java", "String k = System.getenv(\"API_KEY\");", "API_KEY"},
            new String[] {"app.js", "const k = process.env.API_KEY;", "API_KEY"},
            new String[] {"app.ts", "const k = process.env['API_KEY'];", "API_KEY"},
            new String[] {"app.py", "k = os.environ[\"API_KEY\"]", "API_KEY"},
            new String[] {"app.py", "k = os.environ.get('API_KEY')", "API_KEY"},
            new String[] {"app.py", "k = os.getenv('API_KEY')", "API_KEY"},
            new String[] {"main.go", "k := os.Getenv(\"API_KEY\")", "API_KEY"},
            new String[] {"app.rb", "k = ENV.fetch(\"API_KEY\")", "API_KEY"},
            new String[] {"app.rb", "k = ENV['API_KEY']", "API_KEY"},
            new String[] {"app.php", "$k = getenv('API_KEY');", "API_KEY"},
            new String[] {"App.cs", "var k = Environment.GetEnvironmentVariable(\"API_KEY\");", "API_KEY"},
            new String[] {"main.rs", "let k = std::env::var(\"API_KEY\");", "API_KEY"},
            new String[] {"deploy.sh", "curl -H \"Authorization: $API_KEY\"", "API_KEY"},
            new String[] {"main.tf", "password = var.db_password", "db_password"});

    @Test
    void everyKindOfReferenceIsFoundAndPassesTheCheapPreCheck() {
        for (String[] w : WRITTEN) {
            assertThat(ReferenceCatalogue.mayRefer(w[1])).as(w[1]).isTrue();
            assertThat(ReferenceCatalogue.mayReferIn(("x\n" + w[1] + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .as("file holding " + w[1]).isTrue();
            assertThat(catalog.find(w[0], w[1])).as(w[1]).extracting(ReferenceCatalogue.Found::name).contains(w[2]);
        }
    }

    @Test
    void plainCodeIsSkippedAndNamesNoVariable() {
        for (String line : List.of("return new StringBuilder(len).append(x);", "int entries = events.size();",
                "if (value == null) { throw new IllegalArgumentException(); }")) {
            assertThat(catalog.find("A.java", line)).as(line).isEmpty();
        }
        assertThat(ReferenceCatalogue.mayRefer("return a + b;")).isFalse();
        assertThat(ReferenceCatalogue.mayReferIn("class A {\n  int b = 1;\n}\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8))).isFalse();
    }
}
