package io.kafkarestaurants.notification;

import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.component.mail.DefaultJavaMailSender;
import org.bbottema.clusteredobjectpool.core.api.ResourceKey;
import org.bbottema.clusteredobjectpool.core.api.ResourceKey.ResourcePoolKey;
import org.bbottema.genericobjectpool.PoolableObject;
import org.bbottema.genericobjectpool.expirypolicies.TimeoutSinceLastAllocationExpirationPolicy;
import org.bbottema.genericobjectpool.util.Timeout;
import org.simplejavamail.smtpconnectionpool.SessionTransport;
import org.simplejavamail.smtpconnectionpool.SmtpClusterConfig;
import org.simplejavamail.smtpconnectionpool.SmtpConnectionPool;
import org.simplejavamail.smtpconnectionpool.TransportHandlingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * camel-mail's sender over a pool of connected SMTP {@code Transport}s
 * (smtp-connection-pool), shared by every thread that sends: camel-mail's default sender
 * opens, uses and closes one connection per mail.
 * <ul>
 * <li>A mail takes a free connection, or opens one while fewer than {@code poolSize} are
 * open, or waits for one up to {@code claimTimeout}. The pool checks a connection it
 * hands out again (SMTP NOOP) and reconnects it when the server has closed it
 * meanwhile.</li>
 * <li>A connection a send failed on is closed and dropped from the pool, never handed out
 * again; the send fails with the {@link MessagingException} (a failed connect too), so
 * the stage's retries take over.</li>
 * <li>A connection unused for {@code idleTimeout} is closed; {@link #close()} closes them
 * all.</li>
 * </ul>
 * Everything is fixed at construction: the {@link Session} built from
 * {@code javaMailProperties} is the pool's key, so the setters this class inherits change
 * nothing once it is built. The pool runs two threads of its own from then on until
 * {@link #close()}, polling every 5 and 10 ms (about 6 ms of CPU a second when idle).
 */
public class PooledMailSender extends DefaultJavaMailSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PooledMailSender.class);

    /**
     * How long one claim waits. The pool wakes a waiting claim when a connection is
     * released, but not when one is dropped: claiming again after a short wait lets a
     * waiter open the connection a dropped one made room for.
     */
    private static final long CLAIM_SLICE_MS = 100;

    private final Session session;

    private final SmtpConnectionPool pool;

    private final ResourceKey<Session, Session> key;

    private final Duration claimTimeout;

    private volatile boolean closed;

    /**
     * @param javaMailProperties the Session's properties: {@code mail.smtp.host},
     * {@code mail.smtp.port}, timeouts...
     * @param authenticator answers the server's authentication, or null when
     * {@code mail.smtp.auth} is off
     */
    PooledMailSender(Properties javaMailProperties, Authenticator authenticator, int poolSize, Duration idleTimeout,
            Duration claimTimeout) {
        setJavaMailProperties(javaMailProperties);
        setProtocol("smtp");
        setHost(javaMailProperties.getProperty("mail.smtp.host"));
        setPort(Integer.parseInt(javaMailProperties.getProperty("mail.smtp.port", "25")));
        this.session = Session.getInstance(javaMailProperties, authenticator);
        this.claimTimeout = claimTimeout;
        SmtpClusterConfig config = new SmtpClusterConfig();
        config.getConfigBuilder()
            .defaultCorePoolSize(0)
            .defaultMaxPoolSize(poolSize)
            .defaultExpirationPolicy(
                    new TimeoutSinceLastAllocationExpirationPolicy<>(idleTimeout.toMillis(), TimeUnit.MILLISECONDS))
            .claimTimeout(new Timeout(Math.min(CLAIM_SLICE_MS, claimTimeout.toMillis()), TimeUnit.MILLISECONDS));
        this.pool = new SmtpConnectionPool(config);
        this.key = new ResourcePoolKey<>(session);
        // Registered now: the pool would register it on the first claim, but two first
        // claims at once would race.
        pool.registerResourcePool(key);
    }

    @Override
    public Session getSession() {
        return session;
    }

    /**
     * Sends over a pooled connection, as camel-mail's default sender does over a
     * connection of its own.
     */
    @Override
    public void send(MimeMessage mail) throws MessagingException {
        if (mail.getSentDate() == null) {
            mail.setSentDate(new Date());
        }
        String messageId = mail.getMessageID();
        mail.saveChanges();
        if (messageId != null) {
            // saveChanges() makes up a Message-ID: keep the one the route set.
            mail.setHeader("Message-ID", messageId);
        }
        PoolableObject<SessionTransport> connection = claim();
        boolean sent = false;
        try {
            connection.getAllocatedObject().getTransport().sendMessage(mail, mail.getAllRecipients());
            sent = true;
        }
        finally {
            if (sent) {
                connection.release();
            }
            else {
                // Whatever went wrong, the connection may be half-way through a mail or
                // gone: never hand it out again.
                connection.invalidate();
            }
        }
    }

    private PoolableObject<SessionTransport> claim() throws MessagingException {
        long deadline = System.nanoTime() + claimTimeout.toNanos();
        while (true) {
            PoolableObject<SessionTransport> connection = claimOnce();
            if (connection != null) {
                return connection;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new MessagingException("No SMTP connection became free within " + claimTimeout);
            }
        }
    }

    /**
     * A pooled connection, a new one while the pool has room, or null when none became
     * free within a slice.
     */
    private PoolableObject<SessionTransport> claimOnce() throws MessagingException {
        if (closed) {
            throw new MessagingException("The SMTP connection pool is closed");
        }
        try {
            return pool.claimResourceFromPool(key);
        }
        catch (TransportHandlingException e) {
            // Connecting failed (SMTP down, refused, timed out): the MessagingException
            // JavaMail threw says why.
            if (e.getCause() instanceof MessagingException cause) {
                throw cause;
            }
            throw new MessagingException("Cannot open an SMTP connection", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("Interrupted while waiting for an SMTP connection", e);
        }
    }

    /**
     * Closes every pooled connection; waits for the ones in use at most as long as a send
     * may wait for one.
     */
    @Override
    public void close() {
        closed = true;
        try {
            pool.shutDown().get(claimTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException | ExecutionException e) {
            LOG.warn("SMTP connection pool did not close cleanly: {}", e.toString());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
