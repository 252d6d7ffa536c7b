package dev.holdfast.reports;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportsTest {
    @Test
    void everyFormatOfThisModuleIsRegisteredUnderItsName() {
        ReportContext ctx = ReportContext.minimal("1");
        for (String name : new String[] {"sarif", "markdown", "html", "github-annotations", "github-output"}) {
            assertThat(Reports.forFormat(name, ctx).format()).isEqualTo(name);
        }
    }

    @Test
    void unknownFormatsNameTheChoices() {
        assertThatThrownBy(() -> Reports.forFormat("pdf", ReportContext.minimal("1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'pdf'").hasMessageContaining("sarif, markdown, html");
    }
}
