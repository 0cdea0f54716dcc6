package io.hwplatform.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** QEMU's machine protocol over its UNIX socket: just enough to move the balloon. */
final class Qmp implements AutoCloseable {

    private final SocketChannel channel;
    private final BufferedReader in;
    private final Writer out;

    private Qmp(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        this.out = Channels.newWriter(channel, StandardCharsets.UTF_8);
    }

    /** Connects (waiting up to 10 s for QEMU to create the socket) and leaves capability negotiation. */
    static Qmp connect(Path socket) throws IOException, InterruptedException {
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(100);
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        Qmp qmp = new Qmp(channel);
        qmp.in.readLine(); // greeting
        qmp.command("{\"execute\":\"qmp_capabilities\"}");
        return qmp;
    }

    /** Asks the guest's balloon driver to shrink (or grow) the guest to {@code mib}. */
    String balloon(long mib) throws IOException {
        return command("{\"execute\":\"balloon\",\"arguments\":{\"value\":" + (mib << 20) + "}}");
    }

    /** Sends one command and returns its answer, skipping asynchronous events. */
    private String command(String json) throws IOException {
        out.write(json + "\n");
        out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.contains("\"return\"") || line.contains("\"error\"")) {
                return line;
            }
        }
        throw new IOException("QEMU closed the QMP connection");
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
