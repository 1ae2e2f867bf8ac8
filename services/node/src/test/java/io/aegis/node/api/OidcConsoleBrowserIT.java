package io.aegis.node.api;

import io.aegis.node.support.NodeHarness;
import io.aegis.node.support.TestOidcProvider;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console's sign-in with the agency's identity provider in a real headless Chromium: the node on
 * {@code localhost}, the provider on {@code 127.0.0.1} (another site for the browser, as an agency's
 * provider usually is), so the cookies' SameSite rules apply as they will in production.
 */
@Tag("integration")
@Timeout(240)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcConsoleBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    TestOidcProvider provider;
    NodeHarness node;
    String publicUrl;
    ChromeDriver browser;
    Path profile;

    @BeforeAll
    void start(KafkaCluster kafka) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && System.getenv("AEGIS_REQUIRE_BROWSER") != null) {
            throw new IllegalStateException("AEGIS_REQUIRE_BROWSER is set but /usr/bin/chromium or /usr/bin/chromedriver is missing");
        }
        assumeTrue(installed, "headless Chromium is not installed (run .ci/install-browser)");
        provider = new TestOidcProvider("127.0.0.1");
        int port = OidcIT.freePort();
        publicUrl = "http://localhost:" + port;
        provider.register(publicUrl + "/oauth/callback");
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", port);
        props.put("aegis.node.session.secure-cookie", false);
        props.put("aegis.node.oidc.enabled", true);
        props.put("aegis.node.oidc.name", "Agency IdP");
        props.put("aegis.node.oidc.issuer", provider.issuer());
        props.put("aegis.node.oidc.client-id", provider.clientId);
        props.put("aegis.node.oidc.client-secret", provider.clientSecret);
        props.put("aegis.node.oidc.public-url", publicUrl);
        node = new NodeHarness(kafka, props);
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @BeforeEach
    void openBrowser() throws IOException {
        profile = Files.createTempDirectory("aegis-oidc-profile");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1200", "--user-data-dir=" + profile);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        provider.signInAs("olivier");
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    WebElement visible(String css) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            WebElement element = d.findElement(By.cssSelector(css));
            return element.isDisplayed() ? element : null;
        });
    }

    @Test
    void shouldSignInWithTheProviderAndComeBackToTheSameConsoleAddress() {
        browser.get(publicUrl + "/console/#case/case-1");
        WebElement link = visible("#oidc-sign-in");
        assertEquals("Sign in with Agency IdP", link.getText());

        link.click();

        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(publicUrl + "/console/"));
        assertEquals(publicUrl + "/console/#case/case-1", browser.getCurrentUrl());
        String roles = visible("#roles").getText();
        assertTrue(roles.contains("duty officer"), roles);
        assertTrue(!roles.contains("admin"), "the provider's roles claim counts for nothing: " + roles);
        Cookie session = browser.manage().getCookieNamed("AEGIS_SESSION");
        assertTrue(session != null && session.isHttpOnly(), "the session cookie is set, HttpOnly");
    }

    @Test
    void shouldShowWhyAPersonUnknownToTheNodeIsRefused() {
        provider.signInAs("mallory");
        browser.get(publicUrl + "/console/");

        visible("#oidc-sign-in").click();

        String error = visible("#oidc-error").getText();
        assertTrue(error.contains("mallory, who is not an enabled user of this node"), error);
        assertNull(browser.manage().getCookieNamed("AEGIS_SESSION"), "no session");
        browser.findElement(By.linkText("Back to the console")).click();
        visible("#password-form");
    }
}
