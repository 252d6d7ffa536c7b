package dev.holdfast.rules.detect;

import dev.holdfast.rules.model.Category;
import dev.holdfast.rules.model.Severity;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LazyDetectorTest {

    @Test
    void isBuiltOnceOnTheFirstFileItReadsAndNeverForOthers() {
        AtomicInteger built = new AtomicInteger();
        Detector real = new Detector() {
            @Override
            public String name() {
                return "real";
            }

            @Override
            public List<Detection> detect(Document d) {
                return List.of(new Detection("r", Category.SECRET, Severity.HIGH, "m", 1, 1, "s", "s", null, null));
            }
        };
        LazyDetector lazy = new LazyDetector("lazy", p -> p.endsWith(".java"), () -> {
            built.incrementAndGet();
            return real;
        });
        Document txt = new Document("a.txt", "x".getBytes(StandardCharsets.UTF_8));
        Document java = new Document("A.java", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(lazy.detect(txt)).isEmpty();
        assertThat(lazy.readsBinary("a.txt")).isFalse();
        assertThat(lazy.name()).isEqualTo("lazy");
        assertThat(lazy.rulesInUse()).isEmpty();
        assertThat(built).hasValue(0);
        assertThat(lazy.detect(java)).hasSize(1);
        assertThat(lazy.detect(java)).hasSize(1);
        assertThat(built).hasValue(1);
    }
}
