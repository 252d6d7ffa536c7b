package dev.holdfast.reports.html;

import dev.holdfast.reports.Fixtures;
import dev.holdfast.reports.ReportContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens the HTML report in a real headless Chromium (Debian's chromium + chromium-driver): it renders, the filters
 * hide and show rows, the page is not blank, hostile names do not run, and nothing is fetched from anywhere.
 */
class HtmlReportBrowserTest {
    @TempDir
    static Path dir;

    private static ChromeDriver driver;

    @BeforeAll
    static void start() throws IOException {
        driver = HeadlessChromium.open(dir, "report.html",
                new HtmlReport(ReportContext.minimal("1.2.3")).html(Fixtures.mixed()));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    private List<WebElement> visibleRows() {
        return driver.findElements(By.cssSelector("#findings-table tbody tr")).stream()
                .filter(WebElement::isDisplayed).toList();
    }

    @Test
    void rendersTheSummaryAndTables() {
        assertThat(driver.getTitle()).isEqualTo("Holdfast report: demo-repo");
        assertThat(driver.findElement(By.cssSelector("[data-tile=total] .n")).getText()).isEqualTo("6");
        assertThat(driver.findElement(By.cssSelector("[data-tile=regressed] .n")).getText()).isEqualTo("2");
        assertThat(visibleRows()).hasSize(7);
        assertThat(driver.findElement(By.id("shown-count")).getText()).isEqualTo("7 of 7 shown");
        assertThat(driver.findElement(By.id("identity-chart")).getSize().getWidth()).isEqualTo(220);
        assertThat(driver.findElements(By.cssSelector("#identity-chart path, #identity-chart circle"))).hasSize(4);
    }

    @Test
    void filtersHideAndShowRows() {
        Select severity = new Select(driver.findElement(By.id("filter-severity")));
        Select status = new Select(driver.findElement(By.id("filter-status")));
        Select kind = new Select(driver.findElement(By.id("filter-kind")));
        Select category = new Select(driver.findElement(By.id("filter-category")));
        try {
            severity.selectByValue("high");
            assertThat(visibleRows()).hasSize(3)
                    .allSatisfy(r -> assertThat(r.getAttribute("data-severity")).isEqualTo("high"));
            status.selectByValue("regressed");
            assertThat(visibleRows()).singleElement()
                    .satisfies(r -> assertThat(r.getText()).contains("aws-user-static-key"));
            severity.selectByValue("");
            assertThat(visibleRows()).hasSize(2);
            status.selectByValue("");
            kind.selectByValue("agent");
            assertThat(visibleRows()).hasSize(2);
            kind.selectByValue("");
            category.selectByValue("privilege");
            assertThat(visibleRows()).hasSize(2);
            assertThat(driver.findElement(By.id("shown-count")).getText()).isEqualTo("2 of 7 shown");
        } finally {
            for (Select s : List.of(severity, status, kind, category)) {
                s.selectByValue("");
            }
        }
        assertThat(visibleRows()).hasSize(7);
    }

    @Test
    void hostileNamesShowAsTextAndDoNotRun() {
        JavascriptExecutor js = driver;
        assertThat(js.executeScript("return document.scripts.length")).isEqualTo(1L);
        assertThat(driver.findElement(By.id("findings-table")).getText())
                .contains("Eve <script>alert('x')</script> | `rm` & \"co\" (human)");
    }

    @Test
    void loadsNothingFromTheNetwork() {
        JavascriptExecutor js = driver;
        assertThat(js.executeScript("return performance.getEntriesByType('resource').length")).isEqualTo(0L);
        assertThat(driver.getCurrentUrl()).startsWith("file:");
    }

    @Test
    void aScreenshotIsNotBlank() throws IOException {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Files.write(dir.resolve("report.png"), png);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img.getWidth()).isGreaterThan(200);
        Set<Integer> colours = new HashSet<>();
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                double lum = 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
                sum += lum;
                sumSq += lum * lum;
                n++;
            }
        }
        double variance = sumSq / n - (sum / n) * (sum / n);
        assertThat(variance).as("luminance variance").isGreaterThan(100);
        assertThat(colours.size()).as("distinct colours").isGreaterThan(20);
    }
}
