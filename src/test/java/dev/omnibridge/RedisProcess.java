package dev.omnibridge;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (Debian's package redis-server; {@code .ci/run} installs it) on a free port, nothing
 * persisted. A test without it is skipped, naming the package.
 */
public final class RedisProcess implements AutoCloseable {

    public static final Path SERVER = Path.of("/usr/bin/redis-server");

    private final int port;
    private final Path log;
    private Process process;

    private RedisProcess(int port) throws IOException {
        this.port = port;
        this.log = Files.createTempFile("redis", ".log");
    }

    /** Starts one, or skips the test when redis-server is not installed. */
    public static RedisProcess start() throws Exception {
        assumeTrue(Files.isExecutable(SERVER), "needs redis-server (apt-get install redis-server)");
        RedisProcess redis = new RedisProcess(RunningBridge.freePort());
        redis.startAgain();
        return redis;
    }

    /** (Re)starts the server on the same port, empty. */
    public void startAgain() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(SERVER.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"));
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!answers()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("redis-server did not start: " + Files.readString(log));
            }
            Thread.sleep(20);
        }
    }

    /** Kills the server (SIGKILL): clients see the connection drop. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    private boolean answers() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = new byte[7];
            int n = socket.getInputStream().read(answer);
            return n > 0 && new String(answer, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
