package dev.omnibridge.sandbox.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omnibridge.sandbox.support.BoundedLog;
import dev.omnibridge.sandbox.support.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bot API at {@code /bot{token}/{method}} and the file server at {@code /file/bot{token}/{path}}, answering in
 * Telegram's envelope: {@code {"ok":true,"result":...}} or {@code {"ok":false,"error_code":N,"description":...}}.
 * Method names are matched case-insensitively, as Telegram does. Every call is recorded with the token masked.
 */
final class BotApi {

    static final int MAX_TEXT_LENGTH = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(BotApi.class);
    static final int MAX_POLL_SECONDS = 50;
    private static final String WEBHOOK_ACTIVE = "can't use getUpdates method while webhook is active;"
            + " use deleteWebhook to delete the webhook first";

    private final byte[] token;
    private final TelegramBook book;
    private final TelegramFaults faults;
    private final LongPolls polls;
    private final BoundedLog<TelegramCall> calls;

    BotApi(String token, TelegramBook book, TelegramFaults faults, LongPolls polls, BoundedLog<TelegramCall> calls) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.book = book;
        this.faults = faults;
        this.polls = polls;
        this.calls = calls;
    }

    void mount(Router router) {
        router.routeWithRegex("/bot(?<token>[^/]+)/(?<method>[^/]*)").handler(this::call);
        router.getWithRegex("/file/bot(?<token>[^/]+)/(?<path>.+)").handler(this::download);
    }

    private void call(RoutingContext ctx) {
        String method = ctx.pathParam("method");
        Long chatId = null;
        try {
            if (!tokenMatches(ctx.pathParam("token"))) {
                throw BotError.unauthorized();
            }
            BotParams p = BotParams.of(ctx);
            chatId = p.chatIdOrNull();
            String name = method.toLowerCase(Locale.ROOT);
            if (!isMethod(name)) {
                throw BotError.notFound();
            }
            faults.check(method);
            if ("getupdates".equals(name)) {
                getUpdates(ctx, method, p);
                return;
            }
            ok(ctx, method, chatId, dispatch(name, p));
        } catch (BotError refused) {
            fail(ctx, method, chatId, refused);
        } catch (RuntimeException unexpected) {
            // Answered here, not by the router's failure handler: that one logs the path, and the token is in it.
            LOG.error("Sandbox Telegram failed on {}", method, unexpected);
            fail(ctx, method, chatId, new BotError(500, "Internal Server Error", 0));
        }
    }

    private static boolean isMethod(String name) {
        return switch (name) {
            case "getme", "getupdates", "sendmessage", "answercallbackquery", "editmessagereplymarkup",
                 "sendchataction", "getfile", "setwebhook", "deletewebhook", "getwebhookinfo" -> true;
            default -> false;
        };
    }

    private JsonNode dispatch(String name, BotParams p) {
        return switch (name) {
            case "getme" -> TelegramJson.me(book.botId());
            case "sendmessage" -> sendMessage(p);
            case "answercallbackquery" -> {
                book.answerCallbackQuery(p.text("callback_query_id"), p.text("text"));
                yield BooleanNode.TRUE;
            }
            case "editmessagereplymarkup" -> book.editReplyMarkup(p.chatId(), p.number("message_id", 0),
                    Markup.inlineKeyboard(p.json("reply_markup", "can't parse reply keyboard markup JSON object")));
            case "sendchataction" -> {
                book.chatAction(p.chatId(), p.text("action"));
                yield BooleanNode.TRUE;
            }
            case "getfile" -> getFile(p);
            case "setwebhook" -> setWebhook(p);
            case "deletewebhook" -> {
                book.deleteWebhook(p.flag("drop_pending_updates"));
                yield BooleanNode.TRUE;
            }
            case "getwebhookinfo" -> book.webhookInfo();
            default -> throw BotError.notFound();
        };
    }

    private JsonNode sendMessage(BotParams p) {
        long chatId = p.chatId();
        String text = p.text("text");
        if (text.isBlank()) {
            throw BotError.badRequest("message text is empty");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw BotError.badRequest("message is too long");
        }
        List<List<TelegramChat.Button>> keyboard =
                Markup.inlineKeyboard(p.json("reply_markup", "can't parse reply keyboard markup JSON object"));
        return faults.admitSend(chatId, () -> book.sendMessage(chatId, text, keyboard));
    }

    private JsonNode getFile(BotParams p) {
        TelegramBook.StoredFile file = book.file(p.text("file_id"));
        return Json.object()
                .put("file_id", file.fileId())
                .put("file_unique_id", file.uniqueId())
                .put("file_size", file.content().length)
                .put("file_path", file.path());
    }

    /** An empty url removes the webhook, as in Telegram; a set webhook ends every waiting getUpdates. */
    private JsonNode setWebhook(BotParams p) {
        String url = p.text("url").strip();
        if (url.isEmpty()) {
            book.deleteWebhook(p.flag("drop_pending_updates"));
            return BooleanNode.TRUE;
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw BotError.badRequest("bad webhook: An HTTPS URL must be provided for webhook");
        }
        book.setWebhook(url, p.text("secret_token"), p.allowedUpdates(), p.flag("drop_pending_updates"));
        polls.refuseAll(BotError.conflict(WEBHOOK_ACTIVE));
        return BooleanNode.TRUE;
    }

    private void getUpdates(RoutingContext ctx, String method, BotParams p) {
        if (book.webhookActive()) {
            throw BotError.conflict(WEBHOOK_ACTIVE);
        }
        // Any newer call, even one that will not wait, ends a waiting one: a second bot instance is polling.
        polls.refuseAll(BotError.conflict(LongPolls.TERMINATED));
        long offset = p.number("offset", 0);
        long wanted = p.number("limit", 100);
        int limit = wanted <= 0 ? 100 : (int) Math.min(100, wanted);
        int timeout = (int) Math.max(0, Math.min(MAX_POLL_SECONDS, p.number("timeout", 0)));
        List<String> allowed = p.allowedUpdates();
        List<ObjectNode> ready = book.poll(offset, limit, allowed);
        if (!ready.isEmpty() || timeout == 0) {
            ok(ctx, method, null, array(ready));
            return;
        }
        polls.await(timeout,
                () -> book.webhookActive() ? List.of() : book.poll(offset, limit, null),
                updates -> ok(ctx, method, null, array(updates)),
                refused -> fail(ctx, method, null, refused),
                gone -> ctx.response().closeHandler(v -> gone.run()));
    }

    private void download(RoutingContext ctx) {
        String path = ctx.pathParam("path");
        if (!tokenMatches(ctx.pathParam("token"))) {
            fail(ctx, "file", null, BotError.unauthorized());
            return;
        }
        var file = book.fileByPath(path);
        if (file.isEmpty()) {
            fail(ctx, "file", null, BotError.notFound());
            return;
        }
        record(ctx, "file", null, 200, "");
        ctx.response().putHeader("Content-Type", file.get().mimeType()).end(Buffer.buffer(file.get().content()));
    }

    private boolean tokenMatches(String given) {
        return MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    private static ArrayNode array(List<ObjectNode> items) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        items.forEach(array::add);
        return array;
    }

    private void ok(RoutingContext ctx, String method, Long chatId, JsonNode result) {
        record(ctx, method, chatId, 200, "");
        ObjectNode body = Json.object().put("ok", true);
        body.set("result", result);
        Json.send(ctx, 200, body);
    }

    private void fail(RoutingContext ctx, String method, Long chatId, BotError error) {
        record(ctx, method, chatId, error.code(), error.description());
        ObjectNode body = Json.object()
                .put("ok", false)
                .put("error_code", error.code())
                .put("description", error.description());
        if (error.retryAfter() > 0) {
            body.putObject("parameters").put("retry_after", error.retryAfter());
        }
        if (error.code() == 429) {
            ctx.response().putHeader("Retry-After", Long.toString(error.retryAfter()));
        }
        Json.send(ctx, error.code(), body);
    }

    /** The token is never recorded: the path is rebuilt with {@code bot***}. */
    private void record(RoutingContext ctx, String method, Long chatId, int status, String description) {
        String path = "file".equals(method) && ctx.request().path().startsWith("/file/")
                ? "/file/bot***/" + ctx.pathParam("path")
                : "/bot***/" + method;
        calls.add(new TelegramCall(method, path, chatId, status, description, Instant.now()));
    }
}
