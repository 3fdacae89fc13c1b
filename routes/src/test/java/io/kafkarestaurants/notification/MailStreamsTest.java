package io.kafkarestaurants.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jakarta Mail's StreamProvider lookup, watched through the thread's context class
 * loader: a ServiceLoader scan asks it for
 * {@code META-INF/services/jakarta.mail.util.StreamProvider}.
 */
class MailStreamsTest {

    static final String SERVICES_FILE = "META-INF/services/" + StreamProvider.class.getName();

    private final ClassLoader original = Thread.currentThread().getContextClassLoader();

    private final ServiceLookups lookups = new ServiceLookups(getClass().getClassLoader());

    private String propertyBefore;

    @BeforeEach
    void watchLookups() {
        propertyBefore = System.clearProperty(MailStreams.PROPERTY);
        Thread.currentThread().setContextClassLoader(lookups);
    }

    @AfterEach
    void restore() {
        Thread.currentThread().setContextClassLoader(original);
        if (propertyBefore == null) {
            System.clearProperty(MailStreams.PROPERTY);
        }
        else {
            System.setProperty(MailStreams.PROPERTY, propertyBefore);
        }
    }

    @Test
    void withAngusNamedMailPartsAreBuiltAndWrittenWithoutAServiceLoaderScan() throws Exception {
        MailStreams.preferAngus();

        assertThat(System.getProperty("jakarta.mail.util.StreamProvider"))
            .isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
        assertThat(StreamProvider.provider()).isInstanceOf(MailStreamProvider.class);
        writeAMultipartMail();
        assertThat(lookups.names).doesNotContain(SERVICES_FILE);
    }

    @Test
    void withoutItEveryMailPartScansTheClassPath() throws Exception {
        writeAMultipartMail();

        assertThat(lookups.names).filteredOn(SERVICES_FILE::equals).hasSizeGreaterThan(2);
    }

    @Test
    void aProviderTheJvmWasStartedWithIsKept() {
        System.setProperty(MailStreams.PROPERTY, "com.example.OwnStreamProvider");

        MailStreams.preferAngus();

        assertThat(System.getProperty(MailStreams.PROPERTY)).isEqualTo("com.example.OwnStreamProvider");
    }

    private static void writeAMultipartMail() throws Exception {
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Grüße, plain", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>Grüße, html</p>", "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setContent(alternative);
        mail.saveChanges();
        mail.writeTo(new ByteArrayOutputStream());
    }

    /**
     * Passes everything to its parent and notes which resources were looked for by every
     * loader of that name.
     */
    static final class ServiceLookups extends ClassLoader {

        final List<String> names = new CopyOnWriteArrayList<>();

        ServiceLookups(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            names.add(name);
            return super.getResources(name);
        }

    }

}
