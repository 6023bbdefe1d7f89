package dev.omnibridge;

import dev.omnibridge.setup.MissingSettingsException;
import dev.omnibridge.setup.SettingValues;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Before anything starts: the ports the bridge will listen on must be free. Camel's HTTP servers only log a port
 * they cannot bind and the bridge would run deaf; this refuses the start with one line instead.
 */
final class PortCheck {

    private PortCheck() {}

    /** @throws MissingSettingsException naming every port that is taken, and its setting */
    static void requireFree(PropertiesComponent properties) {
        List<String> taken = new ArrayList<>();
        check(properties, "camel.server.port", "camel.server.host", taken);
        check(properties, "camel.management.port", "camel.management.host", taken);
        if (SettingValues.of(properties).flag("sandbox.enabled")) {
            check(properties, "sandbox.port", "sandbox.host", taken);
        }
        if (!taken.isEmpty()) {
            throw new MissingSettingsException("Cannot start: " + String.join("; ", taken)
                    + " (another process listens there; stop it or choose another port)");
        }
    }

    private static void check(PropertiesComponent properties, String portKey, String hostKey, List<String> taken) {
        String portText = SettingValues.of(properties).get(portKey);
        int port;
        try {
            port = Integer.parseInt(portText.strip());
        } catch (NumberFormatException e) {
            taken.add(portKey + " must be a port number, not '" + portText + "'");
            return;
        }
        if (port <= 0) {
            return; // an ephemeral port is always free
        }
        String host = SettingValues.of(properties).get(hostKey);
        InetSocketAddress address = host.isBlank() || "0.0.0.0".equals(host.strip())
                ? new InetSocketAddress(port) : new InetSocketAddress(host.strip(), port);
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
        } catch (IOException e) {
            taken.add("port " + port + " (" + portKey + ") is in use on " + (host.isBlank() ? "0.0.0.0" : host.strip()));
        }
    }
}
