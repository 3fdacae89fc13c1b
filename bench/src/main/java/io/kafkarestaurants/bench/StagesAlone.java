package io.kafkarestaurants.bench;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each external part measured alone, in the same run as the pipeline: the ceilings the
 * pipeline works under.
 */
final class StagesAlone {

    private StagesAlone() {
    }

    /**
     * SMTP: {@code connections} threads, each on one connection it keeps for the whole
     * run, send multipart mails of about the size the email stage sends (HTML + text
     * alternative, ~4 KB) for {@code seconds}.
     */
    static double smtpMailsPerSecond(String host, int port, int connections, int seconds) throws InterruptedException {
        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.localhost", "bench.local");
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "10000");
        Session session = Session.getInstance(props);
        AtomicLong sent = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread thread = new Thread(() -> {
                try (Transport transport = session.getTransport("smtp")) {
                    transport.connect();
                    while (System.nanoTime() < end) {
                        MimeMessage mail = mail(session);
                        transport.sendMessage(mail, mail.getAllRecipients());
                        sent.incrementAndGet();
                    }
                }
                catch (MessagingException e) {
                    failures.add(e);
                }
            }, "bench-smtp-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (sent.get() == 0 && !failures.isEmpty()) {
            throw new IllegalStateException("SMTP alone: no mail sent", failures.get(0));
        }
        return sent.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static MimeMessage mail(Session session) throws MessagingException {
        MimeMessage mail = new MimeMessage(session);
        mail.setFrom(new InternetAddress("orders@bench.local"));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress("bench@example.com"));
        mail.setSubject("Your order at Bench Bistro is confirmed");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Thank you for your order.\n".repeat(40), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>Thank you for your order.</p>\n".repeat(90), "text/html; charset=UTF-8");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        mail.setContent(alternative);
        return mail;
    }

    /**
     * Kafka produce (acks=all, idempotent, linger 5 ms) and consume rates with the
     * broker's own tools.
     */
    record KafkaRates(double produceRecordsPerSecond, double consumeRecordsPerSecond) {
    }

    static KafkaRates kafka(Path kafkaLibs, String bootstrap, String topic, int records, int recordSize)
            throws IOException, InterruptedException {
        String produced = tool(kafkaLibs, "org.apache.kafka.tools.ProducerPerformance", "--topic", topic,
                "--num-records", String.valueOf(records), "--record-size", String.valueOf(recordSize), "--throughput",
                "-1", "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all", "enable.idempotence=true",
                "linger.ms=5");
        String consumed = tool(kafkaLibs, "org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", bootstrap,
                "--topic", topic, "--messages", String.valueOf(records), "--timeout", "60000");
        return new KafkaRates(producerRate(produced), consumerRate(consumed));
    }

    /**
     * Produce latency percentiles (acks=all, no linger, one record at a time at a fixed
     * rate), in ms.
     */
    record KafkaLatency(double p50, double p99) {
    }

    /**
     * One record at a time at {@code rate} records/s for {@code seconds}: the broker's
     * own acknowledgement latency.
     */
    static KafkaLatency kafkaLatency(Path kafkaLibs, String bootstrap, String topic, int rate, int seconds)
            throws IOException, InterruptedException {
        String produced = tool(kafkaLibs, "org.apache.kafka.tools.ProducerPerformance", "--topic", topic,
                "--num-records", String.valueOf(rate * seconds), "--record-size", "1024", "--throughput",
                String.valueOf(rate), "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all",
                "enable.idempotence=true", "linger.ms=0");
        return producerLatency(produced);
    }

    private static final Pattern PERCENTILES = Pattern.compile("(\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    static KafkaLatency producerLatency(String output) {
        Matcher m = PERCENTILES.matcher(output);
        if (!m.find()) {
            throw new IllegalArgumentException("ProducerPerformance said:\n" + output);
        }
        return new KafkaLatency(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(3)));
    }

    private static final Pattern PRODUCER = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec");

    static double producerRate(String output) {
        Matcher m = PRODUCER.matcher(output);
        double rate = Double.NaN;
        while (m.find()) {
            rate = Double.parseDouble(m.group(2)); // the last line is the summary
        }
        if (Double.isNaN(rate)) {
            throw new IllegalArgumentException("ProducerPerformance said:\n" + output);
        }
        return rate;
    }

    /**
     * ConsumerPerformance prints a CSV header and one line; nMsg.sec is the rate over the
     * whole run.
     */
    static double consumerRate(String output) {
        String[] lines = output.strip().split("\n");
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].contains("nMsg.sec")) {
                List<String> header = List.of(lines[i].split(",\\s*"));
                String[] values = lines[i + 1].split(",\\s*");
                return Double.parseDouble(values[header.indexOf("nMsg.sec")].strip());
            }
        }
        throw new IllegalArgumentException("ConsumerPerformance said:\n" + output);
    }

    private static String tool(Path kafkaLibs, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx512m", "-cp", kafkaLibs + "/*",
                "-Dlog4j2.configurationFile=" + kafkaLibs.resolve("../../../kafka/log4j2-tools.properties").normalize(),
                mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(mainClass + " failed:\n" + output);
        }
        return output;
    }

}
