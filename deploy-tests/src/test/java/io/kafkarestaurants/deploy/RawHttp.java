package io.kafkarestaurants.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 requests written byte for byte (an HTTP client library would normalize
 * {@code /api/orders;x}, {@code %2F} or {@code //}), each from a chosen loopback address:
 * 127.0.0.2 can play a trusted proxy, any other 127.x.y.z a client of its own.
 */
final class RawHttp {

    /**
     * An answer; header names in lower case. {@code socket} is open for a stream, else
     * closed.
     */
    record Answer(int status, Map<String, String> headers, String body, Socket socket) {

        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /** A request and its whole answer; a POST carries {@code {}} as a JSON body. */
    Answer send(String from, String method, String target, String... headerLines) throws IOException {
        try (Socket socket = open(from, method, target, "close", headerLines)) {
            byte[] all = socket.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            return new Answer(status(text), headers(text.substring(0, end)), text.substring(end + 4), null);
        }
    }

    /**
     * A GET of an event stream, read up to its first event and left open; any other
     * answer read whole.
     */
    Answer openStream(String from, String target, String... headerLines) throws IOException {
        Socket socket = open(from, "GET", target, "keep-alive", headerLines);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        String text = "";
        while (!text.contains("\r\n\r\n")) {
            text = readMore(in, seen);
        }
        int end = text.indexOf("\r\n\r\n");
        Map<String, String> headers = headers(text.substring(0, end));
        int status = status(text);
        if (status == 200) {
            while (!text.contains("data: {}\n\n")) {
                text = readMore(in, seen);
            }
            return new Answer(status, headers, text.substring(end + 4), socket);
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        while (text.getBytes(StandardCharsets.UTF_8).length < end + 4 + length) {
            text = readMore(in, seen);
        }
        socket.close();
        return new Answer(status, headers, text.substring(end + 4), null);
    }

    private Socket open(String from, String method, String target, String connection, String... headerLines)
            throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(10_000);
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nConnection: " + connection + "\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        String body = "POST".equals(method) ? "{}" : "";
        if (!body.isEmpty()) {
            request.append("Content-Type: application/json\r\nContent-Length: ").append(body.length()).append("\r\n");
        }
        request.append("\r\n").append(body);
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return socket;
    }

    private static String readMore(InputStream in, ByteArrayOutputStream seen) throws IOException {
        byte[] chunk = new byte[4096];
        int n = in.read(chunk);
        if (n < 0) {
            throw new IOException("connection closed after: " + seen.toString(StandardCharsets.UTF_8));
        }
        seen.write(chunk, 0, n);
        return seen.toString(StandardCharsets.UTF_8);
    }

    private static int status(String text) {
        return Integer.parseInt(text.substring(text.indexOf(' ') + 1, text.indexOf(' ') + 4));
    }

    private static Map<String, String> headers(String head) {
        Map<String, String> headers = new TreeMap<>();
        head.lines().skip(1).forEach(line -> {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        });
        return headers;
    }

}
