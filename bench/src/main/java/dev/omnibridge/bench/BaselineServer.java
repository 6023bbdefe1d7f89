package dev.omnibridge.bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The ceiling for webhook acknowledgement: a hand-written Vert.x server that accepts the webhook (same path, same
 * secret check, body read in full, same 64 KiB limit) and answers 200 {"result":"ok"} - no parsing, no journal, no
 * queue. One server instance per core, so it uses the machine as well as Vert.x can.
 */
final class BaselineServer extends AbstractVerticle {

    private final int port;
    private final String secret;

    private BaselineServer(int port, String secret) {
        this.port = port;
        this.secret = secret;
    }

    @Override
    public void start(Promise<Void> started) {
        Router router = Router.router(vertx);
        router.post("/webhooks/omnidesk/:secret").handler(BodyHandler.create().setBodyLimit(65_536)).handler(ctx -> {
            if (!secret.equals(ctx.pathParam("secret"))) {
                ctx.response().setStatusCode(403).putHeader("Content-Type", "application/json")
                        .end("{\"error\":\"forbidden\"}");
                return;
            }
            ctx.response().putHeader("Content-Type", "application/json").end("{\"result\":\"ok\"}");
        });
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .requestHandler(router).listen().<Void>mapEmpty().onComplete(started);
    }

    static void run(Args args) throws Exception {
        int port = args.integer("port", 0);
        String secret = args.str("secret");
        int instances = args.integer("instances", Runtime.getRuntime().availableProcessors());
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(() -> new BaselineServer(port, secret), new DeploymentOptions().setInstances(instances))
                .toCompletionStage().toCompletableFuture().get();
        System.out.println("baseline listening on 127.0.0.1:" + port + " (" + instances + " event loops)");
        Thread.currentThread().join();
    }
}
