package dev.omnibridge.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.omnibridge.RunningBridge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The playground page in a real browser (headless Chromium from Debian's {@code chromium} and {@code chromium-driver}):
 * a customer, an operator and a Telegram customer play one story through the page alone, against the real bridge in
 * sandbox mode with both variants on. Screenshots of the key steps go to {@code target/playground-*.png}.
 */
class PlaygroundBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static RunningBridge bridge;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "the playground's browser test needs Debian's chromium and chromium-driver packages"
                        + " (apt-get install -y chromium chromium-driver): skipped");
        bridge = RunningBridge.start(Map.of("sandbox.telegram", "true", "telegram.chat-interval-ms", "100"));
        profile = Files.createTempDirectory("playground-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        // The machine's network may be closed: Chromium must not try to reach Google's services on its own.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1400,1000");
        // A fixed driver: Selenium Manager would try to download one.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (bridge != null) {
            bridge.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aCustomerTheOperatorAndATelegramCustomerPlayOneStoryThroughThePage() throws IOException {
        browser.get(bridge.sandbox().baseUrl() + "/");
        waitFor(d -> "онлайн".equals(byTestId("live").getText()));

        // Variant 1: the customer greets and asks; the bot answers in the website chat
        type("web-text", "Здравствуйте!");
        waitFor(d -> texts("[data-testid=web-message][data-from=bot]").size() == 1);
        type("web-text", "где мой заказ 12345");
        waitFor(d -> texts("[data-testid=web-message][data-from=bot]").stream().anyMatch(t -> t.contains("Мои заказы")));
        String caseId = byTestId("web-case").getDomAttribute("data-case-id");
        assertThat(caseId).isNotBlank();
        screenshot("1-customer-asks");

        // the customer asks for a person: the operator sees the case without the bot label, and the handoff note
        type("web-text", "Позовите оператора");
        waitFor(d -> texts("[data-testid=web-message][data-from=bot]").stream()
                .anyMatch(t -> t.contains("Передаю ваш вопрос оператору")));
        click(By.cssSelector("[data-testid=op-case-row][data-case-id='" + caseId + "']"));
        waitFor(d -> "false".equals(byTestId("op-case").getDomAttribute("data-bot")));
        waitFor(d -> texts("[data-testid=op-message][data-from=note]").stream()
                .anyMatch(t -> t.contains("Позовите оператора")));
        assertThat(texts("[data-testid=op-case-row][data-case-id='" + caseId + "'] [data-testid=op-case-labels]"))
                .singleElement().asString().doesNotContain("бот");
        String row = "[data-testid=op-case-row][data-case-id='" + caseId + "']";
        waitFor(d -> "operator".equals(byCss(row).getDomAttribute("data-owner")));
        assertThat(texts(row + " [data-testid=op-case-owner]")).singleElement().asString().contains("оператор");
        assertThat(texts(row + " [data-testid=op-case-assignee]")).singleElement().asString().isNotBlank();
        waitFor(d -> texts("[data-testid=handoff][data-case-id='" + caseId + "']").stream()
                .anyMatch(t -> t.contains("requested")));
        screenshot("2-handoff");

        // the operator replies (the customer sees it) and gives the case back to the bot
        type("op-text", "Добрый день, это Анна.");
        waitFor(d -> texts("[data-testid=web-message][data-from=operator]").stream()
                .anyMatch(t -> t.contains("Добрый день, это Анна.")));
        assertThat(byCss(row).getDomAttribute("data-unread")).isEqualTo("false");

        // the operator looks away; the customer writes: the case is unread until the operator opens it again
        click(By.cssSelector("[data-testid=op-case-hide]"));
        waitFor(d -> !byTestId("op-case").isDisplayed());
        type("web-text", "Спасибо! Жду.");
        waitFor(d -> "true".equals(byCss(row).getDomAttribute("data-unread")));
        assertThat(browser.findElements(By.cssSelector(row + " [data-testid=op-case-unread]"))).hasSize(1);
        screenshot("2b-unread");
        byCss(row).sendKeys(Keys.ENTER); // the keyboard opens a case too
        waitFor(d -> caseId.equals(byTestId("op-case").getDomAttribute("data-case-id")));
        waitFor(d -> "false".equals(byCss(row).getDomAttribute("data-unread")));
        assertThat(browser.findElements(By.cssSelector(row + " [data-testid=op-case-unread]"))).isEmpty();
        click(By.cssSelector("[data-testid=op-bot-on]"));
        waitFor(d -> "true".equals(byTestId("op-case").getDomAttribute("data-bot")));
        waitFor(d -> texts("[data-testid=op-case-row][data-case-id='" + caseId + "'] [data-testid=op-case-labels]")
                .stream().anyMatch(t -> t.contains("бот")));
        waitFor(d -> "bot".equals(byCss(row).getDomAttribute("data-owner")));

        // the bot answers the customer's next message again
        type("web-text", "А сколько стоит доставка?");
        waitFor(d -> texts("[data-testid=web-message][data-from=bot]").stream().anyMatch(t -> t.contains("Доставляем")));
        screenshot("3-back-to-the-bot");

        // Variant 2: a Telegram customer asks for the menu and presses a button; the menu's keyboard goes away
        type("tg-text", "меню");
        click(By.xpath("//button[@data-testid='tg-button' and normalize-space()='Доставка']"));
        waitFor(d -> texts("[data-testid=tg-message][data-from=bot]").stream()
                .anyMatch(t -> t.contains("Доставляем курьером")));
        waitFor(d -> browser.findElements(By.cssSelector("[data-testid=tg-keyboard]")).isEmpty());
        // the bot's Bot API calls are in the activity, with the chat and the status
        waitFor(d -> !browser.findElements(By.cssSelector(
                "[data-testid=tg-call][data-method=sendMessage][data-chat-id='42'][data-status='200']")).isEmpty());
        screenshot("4-telegram");

        // Omnidesk fails the next 3 calls with 500: the bridge retries and the answer arrives all the same
        WebElement count = byTestId("fault-count");
        count.clear();
        count.sendKeys("3");
        click(By.cssSelector("[data-testid=fault-set]"));
        waitFor(d -> "3".equals(byTestId("fault-state").getDomAttribute("data-fail-next")));
        type("web-text", "Как можно оплатить?");
        waitFor(d -> texts("[data-testid=web-message][data-from=bot]").stream()
                .anyMatch(t -> t.contains("Оплатить можно")));
        waitFor(d -> "0".equals(byTestId("fault-state").getDomAttribute("data-fail-next")));
        waitFor(d -> !browser.findElements(By.cssSelector("[data-testid=call][data-status='500']")).isEmpty());
        // each call shows its cost: a read 1 unit, a write 2
        assertThat(texts("[data-testid=call][data-cost='2']")).isNotEmpty().allMatch(t -> t.contains("· 2 ед."));
        assertThat(texts("[data-testid=call][data-cost='1']")).allMatch(t -> t.contains(" GET ") && t.contains("· 1 ед."));
        assertThat(texts("[data-testid=webhook]")).isNotEmpty();
        assertThat(byTestId("budget").getText()).contains("осталось");
        assertThat(byTestId("error").isDisplayed()).as("no request of the page was refused").isFalse();
        screenshot("5-faults");

        // Omnidesk throttles the next 2 calls (429, retry after 1 s): a 429 in the calls, and the answer arrives
        count = byTestId("fault-count");
        count.clear();
        count.sendKeys("2");
        new Select(byTestId("fault-status")).selectByVisibleText("429");
        WebElement retryAfter = byTestId("fault-retry-after");
        waitFor(d -> retryAfter.isDisplayed());
        retryAfter.clear();
        retryAfter.sendKeys("1");
        click(By.cssSelector("[data-testid=fault-set]"));
        waitFor(d -> "2".equals(byTestId("fault-state").getDomAttribute("data-fail-next"))
                && "429".equals(byTestId("fault-state").getDomAttribute("data-fail-status")));
        long deliveryAnswers = texts("[data-testid=web-message][data-from=bot]").stream()
                .filter(t -> t.contains("Доставляем")).count();
        type("web-text", "Сколько стоит доставка?");
        waitFor(d -> texts("[data-testid=web-message][data-from=bot]").stream()
                .filter(t -> t.contains("Доставляем")).count() > deliveryAnswers);
        waitFor(d -> !browser.findElements(By.cssSelector("[data-testid=call][data-status='429']")).isEmpty());
        waitFor(d -> "0".equals(byTestId("fault-state").getDomAttribute("data-fail-next")));
        assertThat(byTestId("error").isDisplayed()).as("no request of the page was refused").isFalse();
        screenshot("5b-throttled");
    }

    @Test
    void aTelegramCustomerIsHandedToTheOperatorWhoAnswersAndClosesThroughThePage() throws IOException {
        browser.get(bridge.sandbox().baseUrl() + "/");
        waitFor(d -> "онлайн".equals(byTestId("live").getText()));
        WebElement chat = byTestId("tg-chat");
        chat.clear();
        chat.sendKeys("4343", Keys.TAB); // a chat of its own: the page shows it once the field changes

        type("tg-text", "Позовите оператора");
        waitFor(d -> texts("[data-testid=tg-message][data-from=bot]").stream()
                .anyMatch(t -> t.contains("Оператор ответит вам здесь")));
        // the case opened in the Telegram channel carries the transcript
        click(By.xpath("(//tr[@data-testid='op-case-row' and @data-channel='cch1'])[1]"));
        waitFor(d -> texts("[data-testid=op-message][data-from=customer]").stream()
                .anyMatch(t -> t.contains("Bot handoff: requested") && t.contains("Позовите оператора")));

        // Telegram throttles the bot's next two messages (429, retry after 1 s): the reply arrives all the same
        WebElement count = byTestId("tg-fault-count");
        count.clear();
        count.sendKeys("2");
        new Select(byTestId("tg-fault-method")).selectByVisibleText("sendMessage");
        click(By.cssSelector("[data-testid=tg-fault-set]"));
        waitFor(d -> "2".equals(byTestId("tg-fault-state").getDomAttribute("data-fail-next")));
        type("op-text", "Здравствуйте! Это Анна, чем помочь?");
        waitFor(d -> texts("[data-testid=tg-message][data-from=bot]").stream()
                .anyMatch(t -> t.contains("Это Анна, чем помочь?")));
        waitFor(d -> "0".equals(byTestId("tg-fault-state").getDomAttribute("data-fail-next")));
        // the throttled Bot API calls and the channel's delivery of the reply to the bridge are in the activity
        waitFor(d -> !browser.findElements(By.cssSelector(
                "[data-testid=tg-call][data-method=sendMessage][data-chat-id='4343'][data-status='429']")).isEmpty());
        String telegramCase = byTestId("op-case").getDomAttribute("data-case-id");
        waitFor(d -> !browser.findElements(By.cssSelector(
                "[data-testid=channel-delivery][data-case-id='" + telegramCase + "'][data-status='200']")).isEmpty());
        click(By.cssSelector("[data-testid=op-close]"));
        waitFor(d -> "closed".equals(byTestId("op-case").getDomAttribute("data-status")));
        waitFor(d -> texts("[data-testid=tg-message][data-from=bot]").stream()
                .anyMatch(t -> t.contains("Диалог с оператором завершён")));
        waitFor(d -> "closed".equals(byCss("[data-testid=op-case-row][data-case-id='" + telegramCase + "']")
                .getDomAttribute("data-owner")));
        screenshot("6-telegram-operator");

        // Telegram's per-chat limit switches on and off from the page
        click(By.cssSelector("[data-testid=tg-per-chat]"));
        waitFor(d -> "true".equals(byTestId("tg-fault-state").getDomAttribute("data-per-chat-limit")));
        click(By.cssSelector("[data-testid=tg-per-chat]"));
        waitFor(d -> "false".equals(byTestId("tg-fault-state").getDomAttribute("data-per-chat-limit")));
    }

    @Test
    void theScenarioReloadButtonSaysWhatHappened() throws IOException {
        browser.get(bridge.sandbox().baseUrl() + "/");
        waitFor(d -> "онлайн".equals(byTestId("live").getText()));
        WebElement reload = byTestId("scenario-reload");
        assertThat(reload.getText()).isEqualTo("Перечитать сценарий");
        assertThat(reload.getDomAttribute("title")).isNotBlank();

        click(By.cssSelector("[data-testid=scenario-reload]"));

        waitFor(d -> byTestId("scenario-result").isDisplayed()
                && byTestId("scenario-result").getDomAttribute("data-outcome") != null);
        WebElement result = byTestId("scenario-result");
        assertThat(result.getDomAttribute("data-outcome")).isEqualTo("ok");
        assertThat(result.getText()).startsWith("Сценарий перечитан").contains("intents");
        screenshot("7-scenario-reload");
    }

    /** Types into a field and presses Enter, as a person sends a message. */
    private static void type(String testId, String text) {
        WebElement field = byTestId(testId);
        field.sendKeys(text);
        field.sendKeys(Keys.ENTER);
        waitFor(d -> byTestId(testId).getDomProperty("value").isEmpty());
    }

    /** Clicks once the element is there and enabled; lists re-render, so a stale element is looked up again. */
    private static void click(By by) {
        waitFor(d -> {
            WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
    }

    private static WebElement byCss(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    private static WebElement byTestId(String testId) {
        return browser.findElement(By.cssSelector("[data-testid='" + testId + "']"));
    }

    /** The texts of the matching elements, read in one go in the page (nothing goes stale halfway). */
    @SuppressWarnings("unchecked")
    private static List<String> texts(String css) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent)", css);
    }

    private static void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    private static void screenshot(String step) throws IOException {
        Path shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("target"));
        Files.copy(shot, Path.of("target", "playground-" + step + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
