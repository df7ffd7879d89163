package org.pmlab.itest.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code ./pmlab --web 0} in a real browser: Debian's headless Chromium, driven through
 * Debian's chromedriver by Selenium (nothing is downloaded: the driver and the browser are
 * named by path). The page binds a device and swaps the firmware; the page shows the new
 * states, and the console of the same process agrees. The screenshot is README's picture.
 */
class LiveWebViewBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String EP = "0000:01:00.0";
    static final Duration UI = Duration.ofSeconds(20);

    @TempDir
    static Path work;

    static PmlabProcess pmlab;
    static WebDriver browser;
    static String address;

    @BeforeAll
    static void startPmlabAndChromium() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: no Chromium here (/usr/bin/chromium and /usr/bin/chromedriver come from Debian's "
                        + "chromium and chromium-driver packages, which .ci/run installs)");
        pmlab = PmlabProcess.console(List.of("-Dpmlab.web=0"), work.resolve("run"));
        String line = pmlab.await(l -> l.contains("pmlab: web view at "), PmlabProcess.START, "web view address");
        Matcher m = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/\\?token=[0-9a-f]+)").matcher(line);
        assertThat(m.find()).as("address in %s", line).isTrue();
        address = m.group(1);

        // Selenium Manager stays out of it: the driver and the browser are given by path.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // the flags this closed network needs (no background connections at all), root's sandbox
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1500,1100",
                "--user-data-dir=" + Files.createDirectories(work.resolve("chromium-profile")));
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (pmlab != null) {
            pmlab.close();
        }
    }

    private static WebElement node(String bdf) {
        return browser.findElement(By.cssSelector("#tree li[data-bdf='" + bdf + "']"));
    }

    /** A node's attribute, read in one step (the page replaces a node's element when it changes). */
    private static String attribute(String bdf, String name) {
        Object v = ((JavascriptExecutor) browser).executeScript("const n = document.querySelector("
                + "\"#tree li[data-bdf='\" + arguments[0] + \"']\"); return n ? n.getAttribute(arguments[1]) : null;", bdf, name);
        return v == null ? null : v.toString();
    }

    /** Clicks a node's button, finding it again if the page replaced the node meanwhile. */
    private static void click(String bdf, String action) {
        new WebDriverWait(browser, UI).ignoring(StaleElementReferenceException.class).until(d -> {
            node(bdf).findElement(By.cssSelector("button[data-action='" + action + "']")).click();
            return true;
        });
    }

    private static void awaitNode(String bdf, String attribute, String value) {
        new WebDriverWait(browser, UI).withMessage(() -> bdf + " " + attribute + " did not become " + value
                + " (it is " + attribute(bdf, attribute) + "; message: "
                + browser.findElement(By.id("message")).getText() + ")")
                .until(d -> value.equals(attribute(bdf, attribute)));
    }

    @Test
    void bindingFromThePageAndSwappingTheFirmwareShowTheNewStatesWhichTheShellAgreesWith() throws Exception {
        browser.get(address);
        WebDriverWait wait = new WebDriverWait(browser, UI);
        wait.until(ExpectedConditions.attributeToBe(By.id("conn"), "data-live", "true"));
        wait.until(d -> !d.findElements(By.cssSelector("#tree li[data-bdf='" + EP + "']")).isEmpty());
        assertThat(attribute(EP, "data-driver")).isEmpty();
        // the token went from the address into the page, out of the address bar
        assertThat(browser.getCurrentUrl()).doesNotContain("token");

        new Select(browser.findElement(By.id("driver"))).selectByValue("vfio-pci");
        click(EP, "bind");
        awaitNode(EP, "data-driver", "vfio-pci");
        // idle under ACPI with a _PR3 resource: the endpoint goes to D3cold, and its badge says so
        awaitNode(EP, "data-power", "D3cold");
        assertThat((String) ((JavascriptExecutor) browser).executeScript("return document.querySelector("
                + "\"#tree li[data-bdf='" + EP + "'] .badge\").className")).contains("power-D3cold");
        wait.until(ExpectedConditions.attributeToBe(By.id("message"), "data-ok", "true"));
        assertThat(browser.findElement(By.id("message")).getText()).contains("pci:bind " + EP + " vfio-pci");

        new Select(browser.findElement(By.id("firmware"))).selectByValue("nod3cold");
        browser.findElement(By.id("swap")).click();
        wait.until(ExpectedConditions.textToBe(By.id("fw-active"), "nod3cold"));
        // without D3cold the idle endpoint can only go to D3hot
        awaitNode(EP, "data-power", "D3hot");
        wait.until(d -> !d.findElements(By.cssSelector("#timeline svg g.lane[data-lane='" + EP + "']")).isEmpty());

        // a refused action shows the shell's error and changes nothing: closing a device nobody opened
        click(EP, "close");
        wait.until(ExpectedConditions.attributeToBe(By.id("message"), "data-ok", "false"));
        assertThat(browser.findElement(By.id("message")).getText()).startsWith("pmlab: vfio:close " + EP + ": ");
        assertThat(attribute(EP, "data-driver")).isEqualTo("vfio-pci");
        assertThat(attribute(EP, "data-power")).isEqualTo("D3hot");

        screenshot();

        // the shell of the same process sees what the page shows
        pmlab.type("pci:list");
        String row = pmlab.await(l -> l.startsWith(EP), Duration.ofSeconds(20), "pci:list row of " + EP);
        assertThat(row).contains("vfio-pci").contains("D3hot");
    }

    /** README's picture: into target/, and into docs/images with -Dpmlab.docs.update=true. */
    private static void screenshot() throws Exception {
        browser.findElement(By.id("message")).getText(); // settle layout
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "screenshots", "web-view.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(target)).isGreaterThan(10_000);
        DocsImages.publish(target, "web-view.png");
    }
}
