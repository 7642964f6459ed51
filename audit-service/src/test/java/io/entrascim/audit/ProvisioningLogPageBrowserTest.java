package io.entrascim.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real headless Chromium (Debian's chromium + chromium-driver): sign in with the operator
 * token, filter, open a detail with steps and modified properties, replay a failure and see the link appear.
 * Skipped (not failed) on machines without /usr/bin/chromium and /usr/bin/chromedriver.
 */
class ProvisioningLogPageBrowserTest extends AuditServiceTestBase {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void startBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--user-data-dir=" + (profile = Files.createTempDirectory("audit-chromium")));
        // the Debian driver, so Selenium Manager never tries to download one
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void operatorFiltersOpensADetailAndReplaysAFailure() {
        String job = "job-browser-" + UUID.randomUUID();
        Instant t = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        ProvisioningResult failure = Results.failure("bf-" + job, job, "cyc-b", "chg-bf-" + job, t, "obj-bf",
                "grace.hopper@contoso.test", "InternalServerError");
        ProvisioningResult success = Results.success("bs-" + job, job, "cyc-b", "chg-bs-" + job, t.plusSeconds(1),
                ProvisioningAction.UPDATE, "obj-bs", "alan.turing@contoso.test");
        store(failure, success);
        SinkStandIn sink = SinkStandIn.get();
        String replayId = "browser-replayed-" + job;
        sink.onReplay = ids -> {
            if (ids.contains(failure.id())) {
                publish(Topics.RESULTS, "obj-bf", RecordCodec.write(Results.replayOf(failure, replayId, Instant.now())));
            }
        };
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        try {
            browser.get("http://127.0.0.1:" + port + "/");
            browser.findElement(By.id("token")).sendKeys(OPERATOR_TOKEN);
            browser.findElement(By.id("apply-token")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "OPERATOR"));

            browser.findElement(By.id("f-jobId")).sendKeys(job);
            browser.findElement(By.id("apply")).click();
            wait.until(d -> rows(d) == 2);
            new Select(browser.findElement(By.id("f-status"))).selectByValue("failure");
            browser.findElement(By.id("apply")).click();
            wait.until(d -> rows(d) == 1);
            assertThat(browser.findElement(By.id("summary")).getText()).startsWith("1 results");
            WebElement row = browser.findElement(By.cssSelector("#log-table tbody tr"));
            assertThat(row.getText()).contains("grace.hopper@contoso.test").contains("InternalServerError");

            row.click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("detail")));
            WebElement detail = browser.findElement(By.id("detail-body"));
            assertThat(detail.findElement(By.cssSelector("table.steps")).getText()).contains("EntryExportAdd");
            assertThat(detail.findElement(By.cssSelector("table.modified-properties")).getText()).contains("userName");

            row.findElement(By.cssSelector(".replay-btn")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Replay requested for 1 failure(s)"));
            assertThat(sink.calls).anyMatch(c -> c.resultIds().contains(failure.id()));

            // the replayed outcome arrives through Kafka; the detail then links it
            wait.withTimeout(Duration.ofSeconds(30)).until(d -> {
                d.findElement(By.cssSelector("#log-table tbody tr")).click();
                return d.findElement(By.id("detail-body")).getText().contains("Replayed by " + replayId);
            });
        } finally {
            sink.onReplay = ids -> { };
        }
    }

    private static int rows(WebDriver d) {
        return d.findElements(By.cssSelector("#log-table tbody tr")).size();
    }
}
