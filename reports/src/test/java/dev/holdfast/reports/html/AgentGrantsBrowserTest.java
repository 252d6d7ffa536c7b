package dev.holdfast.reports.html;

import dev.holdfast.reports.Fixtures;
import dev.holdfast.reports.ReportContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "Agent grants" section of the HTML report in a real headless Chromium: one visible box per file and agent,
 * what changed since the baseline, regressions first and marked, the findings filter leaving it alone.
 */
class AgentGrantsBrowserTest {
    @TempDir
    static Path dir;

    private static ChromeDriver driver;

    @BeforeAll
    static void start() throws IOException {
        driver = HeadlessChromium.open(dir, "agents.html",
                new HtmlReport(ReportContext.minimal("1.2.3")).html(Fixtures.agentGrants()));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void everyFileAndAgentIsAVisibleBoxSayingWhatChanged() {
        List<WebElement> boxes = driver.findElements(By.cssSelector("#agent-grants .agent"));
        assertThat(boxes).hasSize(3).allSatisfy(b -> assertThat(b.isDisplayed()).isTrue());
        WebElement settings = driver.findElement(By.cssSelector(
                "#agent-grants .agent[data-file='.claude/settings.json'][data-agent='Claude Code']"));
        assertThat(settings.findElement(By.tagName("h3")).getText()).isEqualTo(".claude/settings.json · Claude Code");
        assertThat(settings.findElement(By.cssSelector(".changes")).getText())
                .isEqualTo("2 regressed, 1 new, 1 fixed");
        List<WebElement> rows = settings.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).extracting(r -> r.getAttribute("data-status"))
                .containsExactly("regressed", "regressed", "new", "fixed");
        assertThat(rows.get(0).getText()).contains("shell:*", "Claude (agent, for Carol Diaz)",
                "b0b066666666 by Bob Chen on 2026-02-10");
        // A regression stands out: its change cell is drawn in the critical colour, in bold.
        WebElement change = rows.get(0).findElement(By.tagName("td"));
        assertThat(change.getCssValue("font-weight")).isEqualTo("700");
        assertThat(change.getCssValue("color")).isNotEqualTo(rows.get(2).findElement(By.tagName("td"))
                .getCssValue("color"));
    }

    @Test
    void theFindingsFilterDoesNotHideAgentGrants() {
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("filter-status"))).selectByValue("fixed");
        try {
            assertThat(driver.findElements(By.cssSelector("#agent-grants tbody tr")))
                    .hasSize(6).allSatisfy(r -> assertThat(r.isDisplayed()).isTrue());
        } finally {
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("filter-status"))).selectByValue("");
        }
    }
}
