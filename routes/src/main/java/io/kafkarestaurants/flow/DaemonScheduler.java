package io.kafkarestaurants.flow;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The flow's background work (sampling, test orders) runs on one named daemon thread
 * each: none holds a shutdown.
 */
final class DaemonScheduler {

    private DaemonScheduler() {
    }

    static ScheduledExecutorService named(String name) {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

}
