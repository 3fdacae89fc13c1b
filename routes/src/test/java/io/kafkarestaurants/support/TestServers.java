package io.kafkarestaurants.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.kafkarestaurants.bankmock.IdempotentBank;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The bank mock (WireMock serving the repo's own mocks/bank mappings, idempotent by
 * Idempotency-Key through the mock's own extension, decisions in memory) and a GreenMail
 * SMTP server, started once per test JVM on 127.0.0.1 with free ports, and stopped when
 * the JVM exits.
 */
public final class TestServers {

    private static WireMockServer bank;

    private static GreenMail smtp;

    private TestServers() {
    }

    public static synchronized WireMockServer bank() {
        if (bank == null) {
            bank = new WireMockServer(options().bindAddress("127.0.0.1")
                .dynamicPort()
                .usingFilesUnderDirectory("../mocks/bank")
                .globalTemplating(false)
                .extensions(IdempotentBank.inMemory()));
            bank.start();
            Runtime.getRuntime().addShutdownHook(new Thread(bank::stop));
        }
        return bank;
    }

    public static synchronized GreenMail smtp() {
        if (smtp == null) {
            smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop));
        }
        return smtp;
    }

    /** Points the application at both servers. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("restaurants.bank.url", () -> "http://127.0.0.1:" + bank().port());
        registry.add("restaurants.mail.smtp-host", () -> "127.0.0.1");
        registry.add("restaurants.mail.smtp-port", () -> smtp().getSmtp().getPort());
    }

    /**
     * Clears the bank's journal and scenarios and the mailboxes, so each test counts only
     * its own traffic.
     */
    public static void reset() {
        bank().resetRequests();
        bank().resetScenarios();
        try {
            smtp().purgeEmailFromAllMailboxes();
        }
        catch (com.icegreen.greenmail.store.FolderException e) {
            throw new IllegalStateException(e);
        }
    }

}
