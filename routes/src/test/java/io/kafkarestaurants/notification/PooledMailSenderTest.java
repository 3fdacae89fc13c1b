package io.kafkarestaurants.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.kafkarestaurants.support.ClosedPorts;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pooled sender against a GreenMail SMTP server of its own, counting the connections
 * it opens.
 */
class PooledMailSenderTest {

    static final int POOL_SIZE = 3;
    static final Duration WAIT = Duration.ofSeconds(10);

    private GreenMail smtp;

    private PooledMailSender sender;

    private CountingSmtpTransport.Connections connections;

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void mailsOneAfterAnotherShareOneConnection() throws Exception {
        start(Duration.ofMinutes(1), POOL_SIZE);

        for (int i = 0; i < 20; i++) {
            sender.send(mail("one-after-another-" + i));
        }

        assertThat(smtp.getReceivedMessages()).hasSize(20);
        assertThat(connections.opened).hasValue(1);
        assertThat(connections.sentOver).hasSize(20).containsOnly(connections.sentOver.get(0));
    }

    @Test
    void mailsFromManyThreadsAtOnceShareThePool() throws Exception {
        start(Duration.ofMinutes(1), POOL_SIZE);

        inParallel(8, thread -> {
            for (int i = 0; i < 5; i++) {
                sender.send(mail("thread-" + thread + "-mail-" + i));
            }
        });

        assertThat(smtp.getReceivedMessages()).hasSize(40);
        assertThat(connections.opened.get()).isBetween(1, POOL_SIZE);
        assertThat(connections.sentOver.stream().distinct().count()).isEqualTo(connections.opened.get());
    }

    @Test
    void aConnectionDroppedWhileAnotherMailWaitsLetsThatMailOpenOne() throws Exception {
        start(Duration.ofMinutes(1), 1);
        CountDownLatch gate = new CountDownLatch(1);
        connections.sendGate = gate;
        connections.failSends.set(1);
        FutureTask<Void> failing = sendInAThread("fails");
        Thread holder = new Thread(failing, "holds-the-only-connection");
        holder.start();
        await().atMost(WAIT).until(() -> holder.getState() == Thread.State.WAITING);
        FutureTask<Void> next = sendInAThread("waited");
        Thread waiter = new Thread(next, "waits-for-a-connection");
        waiter.start();
        await().atMost(WAIT).until(() -> waiter.getState() == Thread.State.TIMED_WAITING);

        gate.countDown();

        assertThatThrownBy(() -> failing.get(WAIT.toSeconds(), TimeUnit.SECONDS))
            .hasRootCauseMessage("Injected failure on a connection that still works");
        next.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertDelivered("waited");
        assertThat(connections.opened).hasValue(2);
    }

    @Test
    void afterTheServerRestartsTheNextMailGoesOutOnANewConnection() throws Exception {
        start(Duration.ofMinutes(1), POOL_SIZE);
        sender.send(mail("before-restart"));

        int port = smtp.getSmtp().getPort();
        smtp.stop();
        smtp = server(port);

        sender.send(mail("after-restart"));
        assertDelivered("after-restart");
        assertThat(connections.opened).as("the pool noticed the old server closed its connection").hasValue(2);
    }

    @Test
    void aConnectionASendFailedOnIsClosedAndNeverHandedOutAgain() throws Exception {
        start(Duration.ofMinutes(1), POOL_SIZE);
        sender.send(mail("first"));
        connections.failSends.set(1);

        assertThatThrownBy(() -> sender.send(mail("fails"))).isInstanceOf(MessagingException.class);

        assertClosedAndTheNextMailOpensAnother(connections.failedOn.get(0));
        assertDelivered("first", "next");
    }

    @Test
    void smtpDownFailsTheSendWithTheConnectErrorAndTheNextSendConnects() throws Exception {
        int port = ClosedPorts.closedPort();
        sender = sender(port, Duration.ofMinutes(1), POOL_SIZE);
        connections = CountingSmtpTransport.install(sender.getSession());

        assertThatThrownBy(() -> sender.send(mail("while-down"))).isInstanceOf(MessagingException.class)
            .rootCause()
            .isInstanceOf(ConnectException.class);

        smtp = server(port);
        sender.send(mail("when-up"));
        assertDelivered("when-up");
        assertThat(connections.opened).hasValue(1);
    }

    @Test
    void anIdleConnectionIsClosedAndTheNextMailOpensANewOne() throws Exception {
        start(Duration.ofMillis(200), POOL_SIZE);
        sender.send(mail("first"));

        assertClosedAndTheNextMailOpensAnother(connections.lastSentOver());
    }

    @Test
    void closeClosesThePooledConnectionsAndRefusesMoreMail() throws Exception {
        start(Duration.ofMinutes(1), POOL_SIZE);
        sender.send(mail("before-close"));
        CountingSmtpTransport pooled = connections.lastSentOver();

        sender.close();

        await().atMost(WAIT).untilAsserted(() -> assertThat(connections.closed).containsExactly(pooled));
        assertThatThrownBy(() -> sender.send(mail("after-close"))).isInstanceOf(MessagingException.class)
            .hasMessageContaining("closed");
        assertThat(connections.opened).hasValue(1);
    }

    /**
     * {@code dropped} gets closed, and the next mail goes out over a second connection.
     */
    private void assertClosedAndTheNextMailOpensAnother(CountingSmtpTransport dropped) throws Exception {
        await().atMost(WAIT).untilAsserted(() -> assertThat(connections.closed).contains(dropped));
        sender.send(mail("next"));
        assertThat(connections.lastSentOver()).isNotSameAs(dropped);
        assertThat(connections.opened).hasValue(2);
    }

    private void assertDelivered(String... subjects) throws MessagingException {
        assertThat(smtp.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactly(subjects);
    }

    /**
     * Runs {@code body} on {@code threads} threads released at the same moment, and fails
     * with the first failure.
     */
    private static void inParallel(int threads, ThreadBody body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                running.add(pool.submit(() -> {
                    go.await();
                    body.run(thread);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> each : running) {
                each.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    private FutureTask<Void> sendInAThread(String subject) {
        return new FutureTask<>(() -> {
            sender.send(mail(subject));
            return null;
        });
    }

    interface ThreadBody {

        void run(int thread) throws Exception;

    }

    private void start(Duration idleTimeout, int poolSize) throws Exception {
        smtp = server(0);
        sender = sender(smtp.getSmtp().getPort(), idleTimeout, poolSize);
        connections = CountingSmtpTransport.install(sender.getSession());
    }

    private static GreenMail server(int port) {
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    private static PooledMailSender sender(int port, Duration idleTimeout, int poolSize) {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", Integer.toString(port));
        properties.setProperty("mail.smtp.connectiontimeout", "2000");
        properties.setProperty("mail.smtp.timeout", "2000");
        properties.setProperty("mail.smtp.localhost", "test.local");
        return new PooledMailSender(properties, null, poolSize, idleTimeout, Duration.ofSeconds(5));
    }

    private MimeMessage mail(String subject) throws MessagingException {
        MimeMessage mail = new MimeMessage(sender.getSession());
        mail.setFrom(new InternetAddress("orders@test.local"));
        mail.setRecipient(RecipientType.TO, new InternetAddress(subject + "@example.com"));
        mail.setSubject(subject);
        mail.setText("Hello " + subject);
        return mail;
    }

}
