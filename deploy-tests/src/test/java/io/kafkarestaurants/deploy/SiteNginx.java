package io.kafkarestaurants.deploy;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The site's nginx as the local stack runs it:
 * restaurants-frontend/nginx/default.conf.template rendered into conf.d/ beside
 * local/nginx/nginx.conf, started with {@code nginx -p DIR/ -c DIR/nginx.conf} on a free
 * 127.0.0.1 port, in front of a one-page site. Needs nginx on the PATH or in /usr/sbin
 * (CI installs it, as {@code make run} does).
 */
final class SiteNginx implements AutoCloseable {

    static final Path LOCAL_MAIN_CONF = DeployFiles.ROOT.resolve("local/nginx/nginx.conf");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}");

    final int port;

    final Path dir;

    private final Process process;

    private SiteNginx(int port, Path dir, Process process) {
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    /** The variables the template names, each one envsubst must be given. */
    static Set<String> variables() {
        Set<String> names = new TreeSet<>();
        Matcher matcher = VARIABLE.matcher(DeployFiles.text(DeployFiles.NGINX_TEMPLATE));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /**
     * Renders the template with {@code values} (LISTEN_PORT and SITE_ROOT are this
     * instance's own) and starts nginx. Every variable of the template must have a value,
     * as envsubst with the image's filter would replace it.
     */
    static SiteNginx start(String name, Map<String, String> values) throws IOException {
        Path dir = DeployFiles.WORK.resolve("site-edge").resolve(name).toAbsolutePath();
        deleteTree(dir);
        Files.createDirectories(dir.resolve("conf.d"));
        Files.createDirectories(dir.resolve("tmp"));
        Path site = Files.createDirectories(dir.resolve("site/assets"));
        Files.writeString(dir.resolve("site/index.html"), "<!doctype html><title>Kafka Restaurants</title>");
        Files.writeString(site.resolve("app-1a2b3c.js"), "console.log('site');");
        int port = freePort();

        Map<String, String> all = new HashMap<>(values);
        all.put("LISTEN_PORT", "127.0.0.1:" + port);
        all.put("SITE_ROOT", dir.resolve("site").toString());
        Matcher matcher = VARIABLE.matcher(DeployFiles.text(DeployFiles.NGINX_TEMPLATE));
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            String value = all.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for the template's ${" + matcher.group(1) + "}");
            }
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(rendered);
        Files.writeString(dir.resolve("conf.d/default.conf"), rendered);
        Files.copy(LOCAL_MAIN_CONF, dir.resolve("nginx.conf"));

        Process process = new ProcessBuilder(nginx(), "-p", dir + "/", "-c", dir.resolve("nginx.conf").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nginx.log").toFile())
            .start();
        SiteNginx nginx = new SiteNginx(port, dir, process);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("nginx.log")));
            }
            return accepts(port);
        });
        return nginx;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    private static String nginx() {
        for (String dir : (System.getenv("PATH") + ":/usr/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "nginx"))) {
                return Path.of(dir, "nginx").toString();
            }
        }
        throw new IllegalStateException("nginx is needed for the site's edge test: sudo apt-get install -y nginx "
                + "(as for make run; .ci/run installs it)");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

}
