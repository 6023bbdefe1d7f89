package dev.omnibridge.bot.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;
import org.apache.hc.core5.http.io.EofSensorInputStream;

/**
 * Reads a response body up to a size limit and a deadline, so that an engine answering with something huge (a file,
 * an endless stream) or trickling its answer costs the bridge a bounded amount of memory and time: past either, the
 * download is abandoned and its connection dropped (not drained: an endless answer never ends).
 */
final class LimitedBody {

    /** Not an I/O problem worth a retry: the engine will send the same oversized answer again. */
    static final class TooLarge extends IOException {
        TooLarge(int limit) {
            super("response body larger than " + limit + " bytes", null);
        }
    }

    /** The deadline passed while the body was still coming. */
    static final class TooLate extends IOException {
        TooLate() {
            super("response body still coming at the deadline", null);
        }
    }

    private LimitedBody() {}

    /**
     * @param deadline epoch millis by which the whole body must have arrived (the socket timeout bounds each read)
     */
    static byte[] read(InputStream in, int limit, long deadline, LongSupplier clock) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        boolean complete = false;
        try {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                if (bytes.size() + n > limit) {
                    throw new TooLarge(limit);
                }
                bytes.write(chunk, 0, n);
                if (clock.getAsLong() > deadline) {
                    throw new TooLate();
                }
            }
            complete = true;
            return bytes.toByteArray();
        } finally {
            if (complete) {
                in.close(); // at its end: the connection goes back to the pool
            } else {
                discard(in);
            }
        }
    }

    /** Drops a body that is not read to its end, without reading the rest. */
    static void discard(Object body) {
        try {
            if (body instanceof EofSensorInputStream response) {
                response.abort(); // closing would read the rest, to reuse the connection
            } else if (body instanceof InputStream other) {
                other.close();
            }
        } catch (IOException e) {
            // the connection is being dropped anyway
        }
    }
}
