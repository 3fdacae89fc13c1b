package io.kafkarestaurants.notification;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus' SMTP transport that reports to the test what happens to its connections: how
 * many were opened, which transport sent each mail, which were closed. It can also fail
 * the next sends on connections that still work, so a pool that handed such a connection
 * out again would be caught.
 */
public class CountingSmtpTransport extends SMTPTransport {

    private static final Map<Session, Connections> BY_SESSION = new ConcurrentHashMap<>();

    private final Connections connections;

    public CountingSmtpTransport(Session session, URLName url) {
        super(session, url);
        this.connections = BY_SESSION.get(session);
    }

    /** Makes every SMTP transport the session creates from now on a counting one. */
    static Connections install(Session session) throws NoSuchProviderException {
        Connections connections = BY_SESSION.computeIfAbsent(session, ignored -> new Connections());
        session.setProvider(new Provider(Provider.Type.TRANSPORT, "smtp", CountingSmtpTransport.class.getName(),
                "Kafka Restaurants tests", "1"));
        return connections;
    }

    @Override
    protected synchronized boolean protocolConnect(String host, int port, String user, String password)
            throws MessagingException {
        boolean connected = super.protocolConnect(host, port, user, password);
        if (connected) {
            connections.opened.incrementAndGet();
        }
        return connected;
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        CountDownLatch gate = connections.sendGate;
        if (gate != null) {
            try {
                gate.await();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MessagingException("Interrupted at the gate", e);
            }
        }
        if (connections.failSends.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            connections.failedOn.add(this);
            throw new MessagingException("Injected failure on a connection that still works");
        }
        super.sendMessage(message, addresses);
        connections.sentOver.add(this);
    }

    @Override
    public synchronized void close() throws MessagingException {
        super.close();
        connections.closed.add(this);
    }

    /** What the transports of one Session did. */
    static final class Connections {

        final AtomicInteger opened = new AtomicInteger();

        /** How many of the next sends fail. */
        final AtomicInteger failSends = new AtomicInteger();

        /** When set, sends wait until it opens. */
        volatile CountDownLatch sendGate;

        final List<CountingSmtpTransport> sentOver = new CopyOnWriteArrayList<>();

        final List<CountingSmtpTransport> failedOn = new CopyOnWriteArrayList<>();

        final Set<CountingSmtpTransport> closed = ConcurrentHashMap.newKeySet();

        CountingSmtpTransport lastSentOver() {
            return sentOver.get(sentOver.size() - 1);
        }

    }

}
