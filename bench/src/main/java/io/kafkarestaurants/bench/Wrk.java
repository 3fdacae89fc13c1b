package io.kafkarestaurants.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop HTTP load with wrk (Debian's package): the highest rate a server answers at
 * a given concurrency. wrk is a C program: on 2 shared cores it leaves far more CPU to
 * the server than a JVM load generator would. Fixed-rate latency is measured by
 * {@link OrderDriver} instead (wrk's own figures suffer coordinated omission).
 */
final class Wrk {

    record Result(double requestsPerSecond, long requests, long non2xx, long socketErrors, double p50Ms, double p90Ms,
            double p99Ms) {
    }

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");

    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

    private static final Pattern SOCKET = Pattern
        .compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|90|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);

    private Wrk() {
    }

    /**
     * Runs wrk with one thread (the server gets the rest of the box) for the given
     * seconds.
     */
    static Result run(String url, Path script, int connections, int seconds, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--latency", "--timeout", "10s"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process wrk = builder.start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(seconds + 30L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            wrk.destroyForcibly();
            throw new IOException("wrk failed: " + output);
        }
        return parse(output);
    }

    static Result parse(String output) {
        double p50 = Double.NaN;
        double p90 = Double.NaN;
        double p99 = Double.NaN;
        Matcher m = PERCENTILE.matcher(output);
        while (m.find()) {
            double ms = toMillis(Double.parseDouble(m.group(2)), m.group(3));
            switch (m.group(1)) {
                case "50" -> p50 = ms;
                case "90" -> p90 = ms;
                default -> p99 = ms;
            }
        }
        long socketErrors = 0;
        Matcher s = SOCKET.matcher(output);
        if (s.find()) {
            for (int i = 1; i <= 4; i++) {
                socketErrors += Long.parseLong(s.group(i));
            }
        }
        return new Result(number(RATE, output), (long) number(TOTAL, output), (long) orZero(NON_2XX, output),
                socketErrors, p50, p90, p99);
    }

    private static double toMillis(double value, String unit) {
        return switch (unit) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static double number(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        if (!m.find()) {
            throw new IllegalArgumentException("wrk output without " + pattern + ":\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double orZero(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

}
