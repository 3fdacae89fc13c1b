package io.kafkarestaurants.notification;

import jakarta.mail.util.StreamProvider;
import org.eclipse.angus.mail.util.MailStreamProvider;

/**
 * Jakarta Mail looks its {@link StreamProvider} (the base64 and quoted-printable coders)
 * up again for every MimeBodyPart and Multipart created and every encoded part written.
 * Its FactoryFinder first reads the system property named after the interface and scans
 * the class path with a ServiceLoader only when that is absent: the scan, through Spring
 * Boot's nested jar, held 13% of the application's CPU samples (jakartaee/mail-api issues
 * 699 and 861). Naming Angus' provider there leaves a Class.forName of a class already
 * loaded.
 */
final class MailStreams {

    static final String PROPERTY = StreamProvider.class.getName();

    private MailStreams() {
    }

    /**
     * Names Angus' provider in the system property, unless the JVM was started with one.
     */
    static void preferAngus() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, MailStreamProvider.class.getName());
        }
    }

}
