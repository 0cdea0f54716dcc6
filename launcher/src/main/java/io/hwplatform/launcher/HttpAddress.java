package io.hwplatform.launcher;

import java.util.Optional;

/**
 * Where {@code --http} serves: a port on every interface (as Prometheus exporters do), or on one host such as
 * {@code 127.0.0.1}.
 *
 * @param host the interface to listen on, or empty for all
 * @param port 1 to 65535
 */
record HttpAddress(Optional<String> host, int port) {

    /**
     * @param text {@code <port>} or {@code <host>:<port>}, e.g. {@code 9464} or {@code 127.0.0.1:9464}
     * @throws IllegalArgumentException when it is neither
     */
    static HttpAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon).strip();
        String port = text.substring(colon + 1).strip();
        if (colon >= 0 && host.isEmpty()) {
            throw new IllegalArgumentException("--http " + text + ": no host before the ':'");
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--http " + text + ": the port is no number", e);
        }
        if (number < 1 || number > 65_535) {
            throw new IllegalArgumentException("--http " + text + ": the port must be 1 to 65535");
        }
        return new HttpAddress(host.isEmpty() ? Optional.empty() : Optional.of(host), number);
    }

    /** @return how a browser reaches it, e.g. {@code http://127.0.0.1:9464} */
    String url() {
        return "http://" + host.orElse("localhost") + ":" + port;
    }
}
