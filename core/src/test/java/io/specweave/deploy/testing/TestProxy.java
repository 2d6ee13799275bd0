package io.specweave.deploy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loopback HTTP proxy, as much of one as the tests need: absolute-form requests for http URLs
 * are forwarded, {@code CONNECT} opens a tunnel. Every host it is asked for resolves to 127.0.0.1
 * (so {@code svc.proxy.test:PORT} reaches a loopback server's PORT, and a request can only have
 * arrived through the proxy). It records each request and, when given credentials, answers 407
 * to a request without them. One request per connection.
 */
public final class TestProxy implements AutoCloseable {

    /** What the proxy was asked: {@code GET http://host:port/path} or {@code CONNECT host:port}, and its auth header. */
    public record Asked(String method, String target, String proxyAuthorization) {
    }

    private final ServerSocket socket;
    private final String requiredAuthorization;
    private final List<Asked> asked = new ArrayList<>();

    private TestProxy(String requiredAuthorization) {
        this.requiredAuthorization = requiredAuthorization;
        try {
            socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "test-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy without authentication. */
    public static TestProxy open() {
        return new TestProxy(null);
    }

    /** A proxy that wants {@code Proxy-Authorization: <authorization>}. */
    public static TestProxy requiring(String authorization) {
        return new TestProxy(authorization);
    }

    public int port() {
        return socket.getLocalPort();
    }

    public synchronized List<Asked> asked() {
        return List.copyOf(asked);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread t = new Thread(() -> serve(client), "test-proxy-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
                }
            }
            String auth = headers.get("proxy-authorization");
            synchronized (this) {
                asked.add(new Asked(requestLine[0], requestLine[1], auth));
            }
            OutputStream out = client.getOutputStream();
            if (requiredAuthorization != null && !requiredAuthorization.equals(auth)) {
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            if (requestLine[0].equals("CONNECT")) {
                int port = Integer.parseInt(requestLine[1].substring(requestLine[1].lastIndexOf(':') + 1));
                try (Socket target = new Socket("127.0.0.1", port)) {
                    out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread up = pipe(in, target.getOutputStream());
                    target.getInputStream().transferTo(out);
                    up.join(1000);
                }
                return;
            }
            URI uri = URI.create(requestLine[1]);
            try (Socket target = new Socket("127.0.0.1", uri.getPort())) {
                StringBuilder forwarded = new StringBuilder(requestLine[0] + " " + uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n");
                headers.forEach((k, v) -> {
                    if (!k.startsWith("proxy-") && !k.equals("connection")) {
                        forwarded.append(k).append(": ").append(v).append("\r\n");
                    }
                });
                forwarded.append("connection: close\r\n\r\n");
                OutputStream targetOut = target.getOutputStream();
                targetOut.write(forwarded.toString().getBytes(StandardCharsets.US_ASCII));
                int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                targetOut.write(in.readNBytes(length));
                targetOut.flush();
                target.getInputStream().transferTo(out);
            }
        } catch (IOException | RuntimeException e) {
            // a test's client went away; nothing to tell it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread pipe(InputStream from, OutputStream to) {
        Thread t = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException e) {
                // the tunnel closed
            }
        }, "test-proxy-tunnel");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' || b == '\n') && (matched % 2 == 0 ? b == '\r' : b == '\n') ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
