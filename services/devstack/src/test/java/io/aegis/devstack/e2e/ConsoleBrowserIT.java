package io.aegis.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aegis.devstack.bench.IsolatedStack;
import io.aegis.devstack.demo.NodeClient;
import io.aegis.devstack.domain.DemoRole;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The duty-officer console (served by each node under {@code /console/}) driven in headless
 * Chromium against the whole running network: an officer signs in with a token, sees the
 * notification of a case that a signal opened arrive live, acknowledges the case with the page's
 * button, and sees the case change. Uses only the page's documented test hooks (ids and classes
 * listed at the top of its index.html). Skipped when /usr/bin/chromium is absent
 * ({@code .ci/install-browser} installs it) unless {@code AEGIS_REQUIRE_BROWSER} is set, as
 * {@code .ci/run} does, in which case it fails; a screenshot of the final page is kept under
 * {@code target/console-screenshots/}.
 */
@Tag("integration")
class ConsoleBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration STEP = Duration.ofSeconds(90);

    private static IsolatedStack stack;
    private ChromeDriver browser;
    private Path profile;

    @BeforeAll
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    static void startNetwork() throws IOException, InterruptedException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        // CI (.ci/run) installs the browser and sets AEGIS_REQUIRE_BROWSER, so there a missing browser fails the build
        if (!installed && System.getenv("AEGIS_REQUIRE_BROWSER") != null) {
            throw new IllegalStateException("AEGIS_REQUIRE_BROWSER is set but /usr/bin/chromium or /usr/bin/chromedriver"
                    + " is missing (run .ci/install-browser)");
        }
        assumeTrue(installed, "headless Chromium is not installed (run .ci/install-browser)");
        stack = IsolatedStack.start(IsolatedStack.repositoryRoot(), Path.of("target", "e2e", "console"), 12_000,
                List.of("FR", "DE", "JP", "BR", "KE"), System.out);
    }

    @AfterAll
    static void stopNetwork() throws IOException {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void openBrowser() throws IOException {
        profile = Files.createTempDirectory("aegis-console-profile");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1600", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser(TestInfo test) throws IOException {
        if (browser != null) {
            Files.createDirectories(SCREENSHOTS);
            File shot = browser.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(test.getTestMethod().orElseThrow().getName() + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
            browser.quit();
        }
        io.aegis.devstack.build.Classpaths.deleteTree(profile);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldShowLiveNotificationAndAcknowledgedCaseToSignedInOfficer() throws Exception {
        // given FR's duty officer signed in to FR's console
        signIn("FR", DemoRole.OFFICER);

        // when FR reports a CBRN-uplift signal, which opens a SEVERE case on its own (category floor)
        String caseId = caseOpenedBy(publishCbrnSignal());

        // then its notification arrives live in the list, pointing at the case
        String notification = await("the CASE_OPENED notification in the console").atMost(STEP)
                .ignoreException(StaleElementReferenceException.class)
                .until(() -> browser.findElements(By.cssSelector("#notifications li.notification[data-kind='CASE_OPENED']"))
                        .stream().map(WebElement::getText).filter(text -> text.contains(caseId)).findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(notification).contains("SEVERE");
        By kase = By.cssSelector("#cases li.case[data-case-id='" + caseId + "']");
        await("the case, open, in the case list").atMost(STEP)
                .until(() -> stateOf(kase).equals("OPEN"));

        // when the officer acknowledges it with the case's button
        // (the list re-renders every second for its countdowns, so an element found may go stale before use)
        await("the acknowledge button clicked").atMost(Duration.ofSeconds(30))
                .ignoreException(StaleElementReferenceException.class)
                .until(() -> {
                    browser.findElement(kase).findElement(By.cssSelector("button.ack")).click();
                    return true;
                });

        // then the page shows the case acknowledged, and so does the node
        await("the case shown ACKNOWLEDGED").atMost(STEP).until(() -> stateOf(kase).equals("ACKNOWLEDGED"));
        await("the acknowledging officer shown").atMost(Duration.ofSeconds(30))
                .ignoreException(StaleElementReferenceException.class)
                .until(() -> browser.findElement(kase).getText().contains("FR (fr-duty-primary)"));
        Map<String, Object> acknowledged = client("FR", DemoRole.OFFICER).get("/api/v1/cases/" + caseId).body();
        assertThat(Json.objects(acknowledged, "acknowledgements")).extracting(a -> a.get("country")).containsExactly("FR");
    }

    /** The case's shown state, or "" while it is absent or being re-rendered. */
    private String stateOf(By kase) {
        try {
            List<WebElement> found = browser.findElements(kase);
            return found.isEmpty() ? "" : found.get(0).findElement(By.cssSelector(".case-state")).getText().trim();
        } catch (StaleElementReferenceException e) {
            return "";
        }
    }

    private static NodeClient client(String country, DemoRole role) {
        return stack.network().client(country, role);
    }

    private static String publishCbrnSignal() throws IOException, InterruptedException {
        String run = Long.toString(System.nanoTime(), 36);
        Map<String, Object> signal = Signals.signal("CBRN_UPLIFT", "Model gives stepwise synthesis guidance", 4, "GREEN",
                List.of("HEALTH"), List.of(Signals.indicator("PROMPT_PATTERN", "synthesis-route-" + run)),
                "cbrn-" + run);
        NodeClient.Reply reply = client("FR", DemoRole.PUBLISHER).postJson("/api/v1/signals", signal);
        assertThat(reply.status()).as("POST /api/v1/signals: %s", reply.body()).isEqualTo(202);
        return String.valueOf(reply.body().get("id"));
    }

    private static String caseOpenedBy(String signalId) {
        NodeClient officer = client("FR", DemoRole.OFFICER);
        return await("the case holding " + signalId).atMost(STEP).pollInterval(Duration.ofMillis(500))
                .until(() -> Json.objects(officer.get("/api/v1/cases").body(), "items").stream()
                        .filter(c -> Json.strings(c, "signalIds").contains(signalId))
                        .map(c -> String.valueOf(c.get("caseId"))).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }
    /** Signs in to a node's console as a demo user, with the user name and password devstack.json lists. */
    void signIn(String country, DemoRole role) {
        java.util.Map.Entry<String, String> login = stack.login(country, role);
        browser.get(stack.nodeUrl(country).resolve("/console/").toString());
        browser.findElement(By.id("username")).sendKeys(login.getKey());
        browser.findElement(By.id("password")).sendKeys(login.getValue());
        browser.findElement(By.id("sign-in")).click();
        await("the notifications section after sign-in").atMost(Duration.ofSeconds(30))
                .until(() -> browser.findElement(By.id("notifications-section")).isDisplayed());
    }

}
