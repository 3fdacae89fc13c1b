package io.kafkarestaurants.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkarestaurants.deploy.RawHttp.Answer;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The site's edge, restaurants-frontend/nginx/default.conf.template in real nginx in
 * front of an api that records what reaches it: only the public API gets through, as the
 * app serves it; the actuator, unknown paths, path parameters and wrong methods are
 * refused by nginx itself; orders are rate limited and live status streams capped per
 * client address, the address a trusted proxy forwards counting and an untrusted one's
 * not; every answer carries the security headers, HSTS when it is set.
 */
class SiteEdgeIT {

    static final String ORDER = "0b8e6f1e-1234-4abc-8def-0123456789ab";
    static final String HSTS = "max-age=31536000; includeSubDomains";
    static final String TRUSTED_PROXY = "127.0.0.2";

    /**
     * nginx's rate: with the template's burst of 5, six orders pass at once and the
     * seventh is refused.
     */
    static final String ORDER_RATE = "1r/m";
    static final int ORDERS_AT_ONCE = 6;
    static final Map<String, String> SECURITY_HEADERS = Map.of("X-Content-Type-Options", "nosniff", "Referrer-Policy",
            "no-referrer", "X-Frame-Options", "DENY");

    static EchoApi api;
    static SiteNginx nginx;
    static RawHttp http;

    @BeforeAll
    static void start() throws IOException {
        api = new EchoApi();
        nginx = SiteNginx.start("edge", values(api.address(), HSTS));
        http = new RawHttp(nginx.port);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (nginx != null) {
            nginx.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @BeforeEach
    void forgetWhatReachedTheApi() {
        api.drain();
    }

    @AfterEach
    void endTheStreamsLeftOpen() {
        api.endStreams();
    }

    static Map<String, String> values(String apiUpstream, String hsts) {
        return Map.of("API_UPSTREAM", apiUpstream, "INBOX_URL", "", "ORDER_RATE_LIMIT", ORDER_RATE, "REAL_IP_FROM",
                TRUSTED_PROXY + "/32", "STRICT_TRANSPORT_SECURITY", hsts);
    }

    @ParameterizedTest(name = "{0} {1} reaches the api as {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /api/search?vegetarian=true&sort=popular | GET /search?vegetarian=true&sort=popular
            GET    | /api/restaurants/amore-mio                        | GET /restaurants/amore-mio
            POST   | /api/orders                                       | POST /orders
            GET    | /api/orders/ORDER                                 | GET /orders/ORDER
            GET    | /api/openapi.json                                 | GET /openapi.json
            GET    | /api/flow                                         | GET /flow
            GET    | /api/flow/orders/ORDER                            | GET /flow/orders/ORDER
            POST   | /api/flow/test-orders                             | POST /flow/test-orders
            DELETE | /api/flow/test-orders                             | DELETE /flow/test-orders
            HEAD   | /api/search                                       | HEAD /search
            GET    | /api/restaurants/amore%2Dmio                      | GET /restaurants/amore-mio
            POST   | //api//orders                                     | POST /orders
            GET    | /api/search/../flow                               | GET /flow
            """)
    void everyPublicApiPathReachesTheApiAsTheAppServesIt(String method, String target, String reaches)
            throws IOException {
        Answer answer = http.send("127.0.0.1", method, target.replace("ORDER", ORDER));

        assertThat(answer.status()).isEqualTo("POST".equals(method) ? 202 : 200);
        assertThat(api.drain()).extracting(EchoApi.Received::line).containsExactly(reaches.replace("ORDER", ORDER));
    }

    @ParameterizedTest(name = "{0} {1} is answered {2} by nginx")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /api/actuator                      | 404 |
            GET    | /api/actuator/prometheus           | 404 |
            GET    | /api/actuator/health               | 404 |
            GET    | /api/actuator/health/readiness     | 404 |
            GET    | /api/%61ctuator/prometheus         | 404 |
            GET    | /api/search/../actuator/prometheus | 404 |
            GET    | /api/unknown                       | 404 |
            GET    | /api/restaurants                   | 404 |
            GET    | /api/restaurants/Amore-Mio         | 404 |
            GET    | /api/restaurants/amore-mio/menu    | 404 |
            POST   | /api/orders;x                      | 404 |
            POST   | /api/orders/                       | 404 |
            POST   | /api/orders%2F..                   | 404 |
            POST   | /api/orders%2f..%2fx               | 404 |
            GET    | /api/search;jsessionid=1           | 404 |
            GET    | /api/search/                       | 404 |
            GET    | /api/orders/not-an-order-id        | 404 |
            GET    | /api/orders/ORDER;x                | 404 |
            GET    | /api/orders/ORDER/                 | 404 |
            GET    | /api/orders/ORDER/events/          | 404 |
            GET    | /api/flow/orders/ORDER/x           | 404 |
            GET    | /api/orders                        | 405 | POST
            PUT    | /api/orders                        | 405 | POST
            POST   | /api/search                        | 405 | GET, HEAD
            PUT    | /api/search                        | 405 | GET, HEAD
            POST   | /api/restaurants/amore-mio         | 405 | GET, HEAD
            DELETE | /api/orders/ORDER                  | 405 | GET, HEAD
            POST   | /api/orders/ORDER/events           | 405 | GET, HEAD
            POST   | /api/openapi.json                  | 405 | GET, HEAD
            POST   | /api/flow                          | 405 | GET, HEAD
            DELETE | /api/flow/orders/ORDER             | 405 | GET, HEAD
            GET    | /api/flow/test-orders              | 405 | POST, DELETE
            PUT    | /api/flow/test-orders              | 405 | POST, DELETE
            """)
    void everythingElseUnderApiIsAProblemFromNginxThatNeverReachesTheApi(String method, String target, int status,
            String allow) throws IOException {
        Answer answer = http.send("127.0.0.1", method, target.replace("ORDER", ORDER));

        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("\"status\":" + status);
        assertThat(answer.header("Allow")).isEqualTo(allow);
        assertThat(api.drain()).isEmpty();
    }

    @ParameterizedTest(name = "{0} is a page of the site")
    @CsvSource({ "/api/../actuator/prometheus", "/actuator/prometheus", "/api", "/orders/" + ORDER })
    void pathsOutsideApiArePagesOfTheSiteNeverTheApp(String target) throws IOException {
        Answer answer = http.send("127.0.0.1", "GET", target);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("<title>Kafka Restaurants</title>");
        assertThat(api.drain()).isEmpty();
    }

    @Test
    void ordersAreRateLimitedPerClientAddressWhateverTheSpellingOfThePath() throws IOException {
        String client = "127.0.0.3";
        for (int i = 0; i < ORDERS_AT_ONCE; i++) {
            assertThat(http.send(client, "POST", "/api/orders").status()).isEqualTo(202);
        }
        Answer refused = http.send(client, "POST", "/api/orders");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(refused.header("Retry-After")).isEqualTo("60");
        assertThat(refused.body()).contains("Too many orders from this address");
        assertThat(http.send(client, "POST", "//api/orders").status()).isEqualTo(429);
        assertThat(http.send(client, "POST", "/api/search/../orders").status()).isEqualTo(429);
        assertThat(http.send(client, "POST", "/api/orders;x").status()).isEqualTo(404);
        assertThat(api.drain()).hasSize(ORDERS_AT_ONCE);
        assertThat(http.send("127.0.0.4", "POST", "/api/orders").status()).as("another client").isEqualTo(202);
    }

    @Test
    void theAddressATrustedProxyForwardsIsTheClientAndAnUntrustedPeersIsIgnored() throws IOException {
        for (int i = 0; i < ORDERS_AT_ONCE; i++) {
            assertThat(http.send(TRUSTED_PROXY, "POST", "/api/orders", "X-Forwarded-For: 203.0.113.7").status())
                .isEqualTo(202);
        }
        assertThat(http.send(TRUSTED_PROXY, "POST", "/api/orders", "X-Forwarded-For: 203.0.113.7").status())
            .isEqualTo(429);
        assertThat(
                http.send(TRUSTED_PROXY, "POST", "/api/orders", "X-Forwarded-For: 198.51.100.1, 203.0.113.8").status())
            .as("the next client behind the proxy")
            .isEqualTo(202);
        assertThat(api.drain()).last()
            .isEqualTo(
                    new EchoApi.Received("POST /orders", "203.0.113.8", "198.51.100.1, 203.0.113.8, " + TRUSTED_PROXY));

        String untrusted = "127.0.0.5";
        for (int i = 0; i < ORDERS_AT_ONCE; i++) {
            assertThat(http.send(untrusted, "POST", "/api/orders", "X-Forwarded-For: 203.0.113." + (20 + i)).status())
                .isEqualTo(202);
        }
        assertThat(http.send(untrusted, "POST", "/api/orders", "X-Forwarded-For: 203.0.113.99").status())
            .isEqualTo(429);
        assertThat(api.drain()).last()
            .isEqualTo(new EchoApi.Received("POST /orders", untrusted, "203.0.113.25, " + untrusted));
    }

    @Test
    void theLiveStatusStreamIsUnbufferedMarkedSoAndLimitedPerClientAddress() throws IOException {
        int limit = streamsPerClient();
        String client = "127.0.0.6";
        String stream = "/api/orders/" + ORDER + "/events";
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < limit; i++) {
                Answer answer = http.openStream(client, stream);
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.header("Content-Type")).isEqualTo("text/event-stream");
                assertThat(answer.header("X-Accel-Buffering")).isEqualTo("no");
                assertThat(answer.body()).as("the first event, while the api holds the stream")
                    .contains("event: status");
                open.add(answer.socket());
            }
            Answer refused = http.openStream(client, stream);
            Answer another = http.openStream("127.0.0.7", stream);
            open.add(another.socket());

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(refused.body()).contains("Too many live status streams from this address");
            assertThat(another.status()).as("another client").isEqualTo(200);
            assertThat(api.drain()).extracting(EchoApi.Received::line)
                .hasSize(limit + 1)
                .containsOnly("GET /orders/" + ORDER + "/events");
        }
        finally {
            for (Socket socket : open) {
                socket.close();
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}: security headers and HSTS")
    @CsvSource(delimiter = '|', textBlock = """
            GET | /                        | no-cache
            GET | /restaurants/amore-mio   | no-cache
            GET | /assets/app-1a2b3c.js    | public, max-age=31536000, immutable
            GET | /site-config.json        | no-cache
            GET | /api/flow                |
            GET | /api/actuator/prometheus |
            PUT | /api/search              |
            """)
    void everyAnswerCarriesTheSecurityHeadersAndHstsWhenSet(String method, String target, String cacheControl)
            throws IOException {
        Answer answer = http.send("127.0.0.1", method, target);

        assertSecurityHeaders(answer);
        assertThat(answer.header("Strict-Transport-Security")).isEqualTo(HSTS);
        assertThat(answer.header("Cache-Control")).isEqualTo(cacheControl);
    }

    @Test
    void withoutHstsNoAnswerCarriesItAndAnUnreachableApiIsAProblem() throws Exception {
        int closed = SiteNginx.freePort();
        try (SiteNginx plain = SiteNginx.start("plain", values("127.0.0.1:" + closed, ""))) {
            RawHttp plainHttp = new RawHttp(plain.port);
            Answer page = plainHttp.send("127.0.0.1", "GET", "/");
            Answer unreachable = plainHttp.send("127.0.0.1", "GET", "/api/flow");

            assertThat(page.status()).isEqualTo(200);
            assertSecurityHeaders(page);
            assertThat(page.headers()).doesNotContainKey("strict-transport-security");
            assertThat(unreachable.status()).isEqualTo(502);
            assertThat(unreachable.header("Content-Type")).isEqualTo("application/problem+json");
            assertSecurityHeaders(unreachable);
            assertThat(unreachable.headers()).doesNotContainKey("strict-transport-security");
        }
    }

    @Test
    void theImageAndTheLocalStackRenderEveryVariableOfTheTemplate() {
        Set<String> template = SiteNginx.variables();
        String dockerfile = DeployFiles.text(DeployFiles.ROOT.resolve("restaurants-frontend/Dockerfile"));
        String runner = DeployFiles.text(DeployFiles.ROOT.resolve("local/run.sh"));
        Matcher filter = Pattern.compile("NGINX_ENVSUBST_FILTER=\"\\^\\(([A-Z_|]+)\\)").matcher(dockerfile);
        Matcher envsubst = Pattern.compile("envsubst '([^']+)'").matcher(runner);

        assertThat(filter.find()).isTrue();
        assertThat(new TreeSet<>(Arrays.asList(filter.group(1).split("\\|")))).isEqualTo(template);
        assertThat(template).allSatisfy(name -> assertThat(dockerfile).containsPattern("(?m)^\\s+" + name + "="));
        assertThat(envsubst.find()).isTrue();
        assertThat(new TreeSet<>(Arrays.asList(envsubst.group(1).replaceAll("[${}]", "").split(" "))))
            .isEqualTo(template);
    }

    private static void assertSecurityHeaders(Answer answer) {
        assertThat(answer.header("Content-Security-Policy")).startsWith("default-src 'self'")
            .contains("frame-ancestors 'none'");
        SECURITY_HEADERS.forEach((name, value) -> assertThat(answer.header(name)).as(name).isEqualTo(value));
    }

    private static int streamsPerClient() {
        Matcher limit = Pattern.compile("limit_conn kafka_restaurants_streams (\\d+);")
            .matcher(DeployFiles.text(DeployFiles.NGINX_TEMPLATE));
        assertThat(limit.find()).isTrue();
        return Integer.parseInt(limit.group(1));
    }

}
