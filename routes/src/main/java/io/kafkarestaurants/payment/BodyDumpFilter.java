package io.kafkarestaurants.payment;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Marker;

/**
 * Keeps the DEBUG and TRACE output of the loggers that dump a request or response body,
 * or the headers around one, from ever being printed, whatever level a logger is given
 * ({@code logging.level.*}, the environment, code): intake's POST body and the bank
 * call's body hold the clear card number. A Logback turbo filter, so it decides before
 * any logger's level is looked at, and a level cannot switch those lines on again; their
 * INFO, WARN and ERROR lines are not touched. The loggers are named in logback-spring.xml
 * ({@code <loggerName>}, each with its children).
 */
public class BodyDumpFilter extends TurboFilter {

    private final List<String> loggerNames = new ArrayList<>();

    /**
     * One more logger (and its children) whose DEBUG and TRACE lines are never printed.
     */
    public void addLoggerName(String name) {
        loggerNames.add(name.trim());
    }

    @Override
    public void start() {
        if (loggerNames.isEmpty()) {
            addError("BodyDumpFilter names no logger: add <loggerName> elements");
            return;
        }
        super.start();
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        // Called before every logging call and level check: the common cases leave after
        // two int comparisons.
        if (!isStarted() || level == null || level.toInt() >= Level.INFO_INT
                || level.toInt() < logger.getEffectiveLevel().toInt()) {
            return FilterReply.NEUTRAL;
        }
        return dumpsBodies(logger.getName()) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    private boolean dumpsBodies(String name) {
        for (String silenced : loggerNames) {
            if (name.startsWith(silenced)
                    && (name.length() == silenced.length() || name.charAt(silenced.length()) == '.')) {
                return true;
            }
        }
        return false;
    }

}
