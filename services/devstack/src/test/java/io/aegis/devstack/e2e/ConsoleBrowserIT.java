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
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The duty-officer console (served by each node under {@code /console/}) driven in headless
 * Chromium against the whole running network: an officer signs in with a password, sees the
 * notification of a case that a signal opened arrive live, acknowledges the case with the page's
 * button, and sees the case change. Uses only the page's documented test hooks (ids and classes
 * listed at the top of its index.html). Skipped when /usr/bin/chromium is absent
 * ({@code .ci/install-browser} installs it) unless {@code AEGIS_REQUIRE_BROWSER} is set, as
 * {@code .ci/run} does, in which case it fails; a screenshot of the final page is kept under
 * {@code target/console-screenshots/}. The watch-floor tests also sign in at a case's own address
 * ({@code #case/<id>}), follow a live case update, the case page (signals, SVG timeline, vote) and
 * its inbox links, and keep one screenshot per screen there (case-list, case-page, inbox,
 * phone-case-page and phone-case-list at 375 × 812, which must not scroll sideways).
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

    // --- paging: the page captured by the stack's mailbox, acknowledged from its one-time link, then the case page

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldAcknowledgeFromTheEmailPagesOneTimeLinkAndOpenTheCase() throws Exception {
        // given a case that asks FR's duty officer to acknowledge, and the page the node mailed about it
        String caseId = caseOpenedBy(publishCbrnSignal());
        String address = io.aegis.devstack.services.ServiceCatalog.officerAddress("FR",
                stack.login("FR", DemoRole.OFFICER).getKey());
        io.aegis.devstack.demo.MailboxClient.Mail mail = await("the page about " + caseId + " in " + address + "'s mailbox")
                .atMost(STEP).pollInterval(Duration.ofMillis(500))
                .until(() -> stack.mailbox().messages().stream().filter(m -> m.to().contains(address))
                        .filter(m -> m.text().contains(caseId) && m.links().stream().anyMatch(l -> l.contains("/ack/")))
                        .findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(mail.subject()).contains("SEVERE").contains(caseId);
        String link = mail.links().stream().filter(l -> l.contains("/ack/")).findFirst().orElseThrow();

        // when the officer opens the link on a phone: the page shows the case and changes nothing
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(375, 812));
        browser.get(link);
        assertThat(browser.findElement(By.cssSelector("[data-test='ack-heading']")).getText()).contains(caseId);
        assertNoHorizontalScroll("acknowledgement page");
        shot("ack-link-page");
        assertThat(Json.objects(client("FR", DemoRole.OFFICER).get("/api/v1/cases/" + caseId).body(), "acknowledgements"))
                .isEmpty();

        // and presses the button, once
        browser.findElement(By.cssSelector("button[data-test='ack-confirm']")).click();
        // the click submits the form; the answer page may not have loaded yet when it returns
        await("the answer page").atMost(Duration.ofSeconds(30))
                .until(() -> !browser.findElements(By.cssSelector("[data-test='ack-done'], [data-test='ack-refused']")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("[data-test='ack-done']")).getText())
                .contains("Acknowledged for FR as " + stack.login("FR", DemoRole.OFFICER).getKey());
        shot("ack-link-done");

        // then the case is acknowledged by FR, in the officer's name
        await("FR's acknowledgement on the case").atMost(STEP).pollInterval(Duration.ofMillis(500))
                .until(() -> Json.objects(client("FR", DemoRole.OFFICER).get("/api/v1/cases/" + caseId).body(),
                        "acknowledgements").stream().anyMatch(a -> "FR".equals(a.get("country"))));

        // and the link works once: the same page again says it was used, and nothing more is written
        browser.get(link);
        browser.findElement(By.cssSelector("button[data-test='ack-confirm'], [data-test='ack-refused']"));
        java.util.List<WebElement> confirm = browser.findElements(By.cssSelector("button[data-test='ack-confirm']"));
        if (!confirm.isEmpty()) {
            confirm.get(0).click();
            await("the refusal page").atMost(Duration.ofSeconds(30))
                    .until(() -> !browser.findElements(By.cssSelector("[data-test='ack-refused']")).isEmpty());
        }
        assertThat(browser.findElement(By.cssSelector("[data-test='ack-refused']")).getText()).containsIgnoringCase("already");
        shot("ack-link-reused");

        // and the mail's case link opens the case page after sign-in
        String caseLink = mail.links().stream().filter(l -> l.contains("/console/#case/")).findFirst().orElseThrow();
        assertThat(caseLink).endsWith("#case/" + caseId);
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        signIn("FR", DemoRole.OFFICER, caseLink.substring(caseLink.indexOf('#')));
        await("the case page").atMost(Duration.ofSeconds(30)).ignoreException(StaleElementReferenceException.class)
                .until(() -> caseId.equals(browser.findElement(By.id("case-section")).getAttribute("data-case-id")));
    }

    // --- sign-in and users: a wrong password refused, an ADMIN adds and disables an officer who then cannot sign in

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldRefuseAWrongPasswordAndLetAnAdminAddAndDisableAnOfficer() throws Exception {
        // given FR's console: a wrong password is refused with the one message that tells nothing of the user
        Map.Entry<String, String> officer = stack.login("FR", DemoRole.OFFICER);
        browser.get(stack.nodeUrl("FR").resolve("/console/").toString());
        browser.findElement(By.id("username")).sendKeys(officer.getKey());
        browser.findElement(By.id("password")).sendKeys("not-" + officer.getValue());
        browser.findElement(By.id("sign-in")).click();
        await("the refusal").atMost(Duration.ofSeconds(30))
                .until(() -> browser.findElement(By.id("login-status")).getText().contains("Wrong user name or password"));
        assertThat(browser.findElement(By.id("session-bar")).isDisplayed()).isFalse();
        shot("sign-in-refused");

        // when FR's ADMIN signs in and adds a duty officer in the Users section
        signIn("FR", DemoRole.ADMIN);
        String name = "fr-watch-" + Long.toString(System.nanoTime(), 36);
        String password = "watch-floor-" + Long.toString(System.nanoTime(), 36);
        await("the users section").atMost(Duration.ofSeconds(30)).until(() -> browser.findElement(By.id("users-section")).isDisplayed());
        browser.findElement(By.id("user-name")).sendKeys(name);
        browser.findElement(By.cssSelector("#user-form input[name='roles'][value='DUTY_OFFICER']")).click();
        browser.findElement(By.id("user-password")).sendKeys(password);
        browser.findElement(By.cssSelector("#user-form button[type='submit']")).click();
        By added = By.cssSelector("#users li.user[data-user='" + name + "']");
        await("the new user listed").atMost(Duration.ofSeconds(30)).ignoreException(StaleElementReferenceException.class)
                .until(() -> browser.findElements(added).stream().anyMatch(u -> "true".equals(u.getAttribute("data-enabled"))));
        shot("users");

        // then the new officer can sign in with that password
        assertThat(signInStatus(name, password)).isEqualTo(200);

        // when the ADMIN disables them
        await("the disable button clicked").atMost(Duration.ofSeconds(30)).ignoreException(StaleElementReferenceException.class)
                .until(() -> {
                    browser.findElement(added).findElement(By.cssSelector("button.disable")).click();
                    return true;
                });
        await("the user shown disabled").atMost(Duration.ofSeconds(30)).ignoreException(StaleElementReferenceException.class)
                .until(() -> browser.findElements(added).stream().anyMatch(u -> "false".equals(u.getAttribute("data-enabled"))));

        // then the same password no longer signs in
        assertThat(signInStatus(name, password)).isEqualTo(401);
    }

    /** The status of {@code POST /login} at FR's node for a user name and password. */
    private static int signInStatus(String name, String password) throws IOException, InterruptedException {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(stack.nodeUrl("FR").resolve("/login"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(new com.fasterxml.jackson.databind.ObjectMapper()
                        .writeValueAsString(Map.of("username", name, "password", password)))).build();
        return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    // --- watch floor: case list, case page, votes, inbox links, phone width (screenshots per screen)

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldMarkLiveCaseUpdateOpenCasePageWithSignalsAndTimelineAndVote() throws Exception {
        // given FR's duty officer on the case list, and a campaign reported by FR, DE and JP: one SEVERE joint case
        signInAt("FR", "");
        String run = Long.toString(System.nanoTime(), 36);
        String own = publish("FR", Signals.campaignReport(run, "FR"));
        String fromDe = publish("DE", Signals.campaignReport(run, "DE"));
        publish("JP", Signals.campaignReport(run, "JP"));
        String caseId = caseOpenedBy(own);
        By kase = By.cssSelector("#cases li.case[data-case-id='" + caseId + "']");
        await("the joint case in the list").atMost(STEP).until(() -> stateOf(kase).equals("OPEN"));

        // when DE proposes a joint action (FR is asked to vote: a live notification)
        NodeClient.Reply proposed = client("DE", DemoRole.OFFICER).postJson("/api/v1/cases/" + caseId + "/actions",
                Map.of("actionType", "BLOCK_MODEL_ACCESS", "description", "Block API access to ExampleAI voice-x 2.1"));
        assertThat(proposed.status()).as("propose: %s", proposed.body()).isEqualTo(202);

        // then the list marks the case as updated, announces it, and shows the open vote
        await("the case marked updated").atMost(STEP).ignoreException(StaleElementReferenceException.class)
                .until(() -> !browser.findElements(By.cssSelector("#cases li.case.updated[data-case-id='" + caseId + "']")).isEmpty());
        await("the update announced").atMost(Duration.ofSeconds(30))
                .until(() -> browser.findElement(By.id("announcer")).getAttribute("textContent").contains("Case updated"));
        await("the open vote in the list").atMost(STEP).ignoreException(StaleElementReferenceException.class)
                .until(() -> !browser.findElement(kase).findElements(By.cssSelector("button.vote[data-choice='YES']")).isEmpty());
        shot("case-list");

        // when the officer opens the case page from the list
        await("the case page opened").atMost(Duration.ofSeconds(30)).ignoreException(StaleElementReferenceException.class)
                .until(() -> {
                    browser.findElement(kase).findElement(By.cssSelector("a.case-open")).click();
                    return browser.findElement(By.id("case-section")).isDisplayed();
                });
        assertThat(java.net.URLDecoder.decode(browser.getCurrentUrl(), java.nio.charset.StandardCharsets.UTF_8))
                .endsWith("#case/" + caseId);
        assertThat(browser.findElement(By.id("cases-section")).isDisplayed()).isFalse();

        // then it shows the signals FR holds (its own and DE's copy, linked to the inbox) and the timeline as SVG and list
        await("the case's signals").atMost(Duration.ofSeconds(30)).ignoreException(StaleElementReferenceException.class)
                .until(() -> statusOfSignal(own).equals("OWN") && statusOfSignal(fromDe).equals("ACTIVE"));
        await("the timeline with the opening and the proposal").atMost(Duration.ofSeconds(30))
                .ignoreException(StaleElementReferenceException.class)
                .until(() -> !browser.findElements(By.cssSelector("#case-page svg.timeline-svg[role='img'] g.event[data-type='OPENED']")).isEmpty()
                        && !browser.findElements(By.cssSelector("#case-page li.timeline-event[data-type='ACTION_PROPOSED']")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#case-page .case-countries")).getText()).contains("FR").contains("DE");
        shot("case-page");

        // when the officer votes YES on the open action with the page's button (DE's and FR's YES: 2 of 3 pass it)
        await("the YES vote clicked").atMost(Duration.ofSeconds(30)).ignoreException(StaleElementReferenceException.class)
                .until(() -> {
                    browser.findElement(By.cssSelector("#case-page li.action.state-PROPOSED button.vote[data-choice='YES']")).click();
                    return true;
                });

        // then the action passes, the node has FR's vote, and the page's timeline shows the vote
        await("the action passed on the page").atMost(STEP).ignoreException(StaleElementReferenceException.class)
                .until(() -> !browser.findElements(By.cssSelector("#case-page li.action.state-PASSED")).isEmpty());
        Map<String, Object> voted = client("FR", DemoRole.OFFICER).get("/api/v1/cases/" + caseId).body();
        assertThat(Json.objects(voted, "actions").stream().flatMap(a -> Json.objects(a, "votes").stream())
                .map(v -> v.get("country") + " " + v.get("choice"))).contains("FR YES");
        await("the vote on the timeline").atMost(Duration.ofSeconds(30)).ignoreException(StaleElementReferenceException.class)
                .until(() -> browser.findElements(By.cssSelector("#case-page li.timeline-event[data-type='VOTED']")).stream()
                        .anyMatch(e -> e.getText().contains("FR")));

        // when the officer follows DE's signal to the inbox
        browser.findElement(By.cssSelector("#case-page li.case-signal[data-signal-id='" + fromDe + "'] a.signal-link")).click();

        // then the inbox shows that item, focused
        await("the inbox item revealed").atMost(Duration.ofSeconds(30)).ignoreException(StaleElementReferenceException.class)
                .until(() -> browser.findElement(By.id("inbox-section")).isDisplayed()
                        && fromDe.equals(browser.switchTo().activeElement().getAttribute("data-signal-id")));
        shot("inbox");
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldOpenCasePageDirectlyAfterSignInAndFitAPhoneScreen() throws Exception {
        // given a case FR's own CBRN report opened, and a link to its page (as the e-mails carry)
        String signalId = publishCbrnSignal();
        String caseId = caseOpenedBy(signalId);

        // when the officer follows the link and signs in
        signInAt("FR", "#case/" + caseId);

        // then the case page opens, with the officer's own signal and the opening on its timeline
        await("the case page after sign-in").atMost(Duration.ofSeconds(60)).ignoreException(StaleElementReferenceException.class)
                .until(() -> browser.findElement(By.id("case-section")).isDisplayed() && statusOfSignal(signalId).equals("OWN")
                        && !browser.findElements(By.cssSelector("#case-page g.event[data-type='OPENED']")).isEmpty());
        assertThat(browser.findElement(By.id("case-heading")).getText()).containsIgnoringCase("CBRN uplift");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("keyboard focus on the case page").isEqualTo("case-heading");

        // when the officer acknowledges it from the page with the keyboard
        browser.findElement(By.cssSelector("#case-page button.ack")).sendKeys(Keys.ENTER);

        // then the page shows it acknowledged by the officer, on its header and its timeline
        await("the case page shows the acknowledgement").atMost(STEP).ignoreException(StaleElementReferenceException.class)
                .until(() -> browser.findElement(By.cssSelector("#case-page .case-header .case-state")).getText().equals("ACKNOWLEDGED")
                        && browser.findElements(By.cssSelector("#case-page li.timeline-event[data-type='ACKNOWLEDGED']")).stream()
                                .anyMatch(e -> e.getText().contains("FR (fr-duty-primary)")));

        // when the screen is a phone's (375 × 812)
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 375, "height", 812, "deviceScaleFactor", 1, "mobile", true));
        browser.navigate().refresh();
        await("the case page on the phone").atMost(Duration.ofSeconds(60)).ignoreException(StaleElementReferenceException.class)
                .until(() -> browser.findElement(By.id("case-section")).isDisplayed()
                        && !browser.findElements(By.cssSelector("#case-page svg.timeline-svg")).isEmpty());

        // then nothing scrolls sideways, on the case page or the list
        assertNoHorizontalScroll("case page");
        shot("phone-case-page");
        browser.findElement(By.id("case-back")).click();
        await("the list on the phone").atMost(Duration.ofSeconds(30)).ignoreException(StaleElementReferenceException.class)
                .until(() -> !browser.findElements(By.cssSelector("#cases li.case[data-case-id='" + caseId + "']")).isEmpty());
        assertNoHorizontalScroll("case list");
        shot("phone-case-list");
    }

    /** Opens a country's console at {@code fragment} and signs in as its duty officer, with a password. */
    private void signInAt(String country, String fragment) {
        signIn(country, DemoRole.OFFICER, fragment);
    }

    private String statusOfSignal(String signalId) {
        List<WebElement> found = browser.findElements(By.cssSelector("#case-page li.case-signal[data-signal-id='" + signalId + "']"));
        return found.isEmpty() ? "" : found.get(0).getAttribute("data-status");
    }

    private void assertNoHorizontalScroll(String screen) {
        Object widths = browser.executeScript("return [document.documentElement.scrollWidth, window.innerWidth];");
        List<?> w = (List<?>) widths;
        assertThat(((Number) w.get(0)).intValue()).as("%s: page width vs. a %s px wide screen", screen, w.get(1))
                .isLessThanOrEqualTo(((Number) w.get(1)).intValue());
    }

    private void shot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String publish(String country, Map<String, Object> signal) throws IOException, InterruptedException {
        NodeClient.Reply reply = client(country, DemoRole.PUBLISHER).postJson("/api/v1/signals", signal);
        assertThat(reply.status()).as("POST /api/v1/signals at %s: %s", country, reply.body()).isEqualTo(202);
        return String.valueOf(reply.body().get("id"));
    }

    // --- end watch floor

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
        signIn(country, role, "");
    }

    /** The same, with the console opened at {@code fragment} (e.g. {@code #case/<id>}, as links in pages open it). */
    void signIn(String country, DemoRole role, String fragment) {
        java.util.Map.Entry<String, String> login = stack.login(country, role);
        browser.get(stack.nodeUrl(country).resolve("/console/" + fragment).toString());
        browser.findElement(By.id("username")).sendKeys(login.getKey());
        browser.findElement(By.id("password")).sendKeys(login.getValue());
        browser.findElement(By.id("sign-in")).click();
        await("the console after sign-in").atMost(Duration.ofSeconds(30))
                .until(() -> browser.findElement(By.id("session-bar")).isDisplayed());
    }
}
