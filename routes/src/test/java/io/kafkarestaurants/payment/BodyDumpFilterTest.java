package io.kafkarestaurants.payment;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BodyDumpFilterTest {

    static final String WIRE = "org.apache.hc.client5.http.wire";

    final LoggerContext context = new LoggerContext();

    @BeforeEach
    void filterTheWireLogger() {
        BodyDumpFilter filter = new BodyDumpFilter();
        filter.addLoggerName(WIRE);
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
    }

    @Test
    void aNamedLoggerPrintsNoDebugOrTraceWhateverItsLevelOrTheRootsIs() {
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.TRACE);
        context.getLogger("org.apache.hc").setLevel(Level.TRACE);
        Logger wire = context.getLogger(WIRE);
        wire.setLevel(Level.ALL);

        assertThat(wire.isDebugEnabled()).isFalse();
        assertThat(wire.isTraceEnabled()).isFalse();
        assertThat(context.getLogger(WIRE + ".child").isDebugEnabled()).as("its children too").isFalse();
        assertThat(wire.isInfoEnabled()).as("INFO and above are left alone").isTrue();
    }

    @Test
    void otherLoggersKeepTheirLevels() {
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.TRACE);

        assertThat(context.getLogger("org.apache.hc.client5.http.impl.classic.MainClientExec").isDebugEnabled())
            .isTrue();
        assertThat(context.getLogger(WIRE + "less").isTraceEnabled()).as("a longer name is another logger").isTrue();
    }

    @Test
    void withoutLoggerNamesItDoesNotStart() {
        BodyDumpFilter empty = new BodyDumpFilter();
        empty.setContext(context);
        empty.start();

        assertThat(empty.isStarted()).isFalse();
    }

}
