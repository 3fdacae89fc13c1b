package io.kafkarestaurants.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The api role as the edge test's nginx sees it: records every request that reaches it
 * (method, path and query as sent, the client address nginx names) and answers it; a
 * {@code .../events} request gets an event stream with one event, held open until
 * {@link #endStreams()}.
 */
final class EchoApi implements AutoCloseable {

    /**
     * One request as it reached the api: {@code line} is {@code "METHOD /path?query"}.
     */
    record Received(String line, String realIp, String forwardedFor) {
    }

    private final HttpServer server;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

    private volatile CountDownLatch streamsEnd = new CountDownLatch(1);

    EchoApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** What reached the api since the last call, oldest first. */
    List<Received> drain() {
        List<Received> list = new ArrayList<>();
        for (Received r; (r = received.poll()) != null;) {
            list.add(r);
        }
        return list;
    }

    /** Ends every event stream held open. */
    void endStreams() {
        CountDownLatch ending = streamsEnd;
        streamsEnd = new CountDownLatch(1);
        ending.countDown();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        received.add(new Received(exchange.getRequestMethod() + " " + target,
                exchange.getRequestHeaders().getFirst("X-Real-IP"),
                exchange.getRequestHeaders().getFirst("X-Forwarded-For")));
        exchange.getRequestBody().readAllBytes();
        try (exchange; OutputStream body = exchange.getResponseBody()) {
            if (target.endsWith("/events")) {
                CountDownLatch end = streamsEnd;
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                body.write("event: status\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8));
                body.flush();
                end.await(60, TimeUnit.SECONDS);
            }
            else {
                byte[] echo = (exchange.getRequestMethod() + " " + target).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                int status = "POST".equals(exchange.getRequestMethod()) ? 202 : 200;
                if ("HEAD".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(status, -1);
                }
                else {
                    exchange.sendResponseHeaders(status, echo.length);
                    body.write(echo);
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        endStreams();
        server.stop(0);
        threads.shutdownNow();
    }

}
