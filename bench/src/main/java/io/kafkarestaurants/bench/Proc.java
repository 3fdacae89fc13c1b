package io.kafkarestaurants.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time and memory of the stack's parts, read from /proc. Each part of the local stack
 * is the leader of its own process group (local/run.sh starts it with setsid), so a
 * part's CPU is the sum over its group.
 */
final class Proc {

    /**
     * Clock ticks per second of /proc/PID/stat's utime and stime (USER_HZ, 100 on Linux).
     */
    private static final long TICKS_PER_SECOND = 100;

    private Proc() {
    }

    /**
     * CPU milliseconds (user + system) spent so far by every live process of the group; 0
     * if none is left.
     */
    static long groupCpuMillis(long groupId) {
        long ticks = 0;
        for (Path process : group(groupId)) {
            Stat stat = stat(process.resolve("stat"));
            ticks += stat == null ? 0 : stat.cpuTicks();
        }
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    /** Resident memory in MiB of the group's processes together. */
    static double groupRssMib(long groupId) {
        long kib = 0;
        for (Path process : group(groupId)) {
            kib += rssKib(process.resolve("status"));
        }
        return kib / 1024.0;
    }

    /** The /proc directories of the live processes of a process group. */
    private static List<Path> group(long groupId) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(entry -> entry.getFileName().toString().chars().allMatch(Character::isDigit))
                .filter(entry -> {
                    Stat stat = stat(entry.resolve("stat"));
                    return stat != null && stat.processGroup() == groupId;
                })
                .toList();
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }

    /**
     * The fields of /proc/PID/stat this bench needs. The command name (field 2) may hold
     * spaces: parse after it.
     */
    record Stat(long processGroup, long cpuTicks) {
        static Stat parse(String line) {
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state): pgrp is field 5, utime 14, stime 15.
            return new Stat(Long.parseLong(fields[2]), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        }
    }

    private static Stat stat(Path file) {
        try {
            return Stat.parse(Files.readString(file));
        }
        catch (IOException | RuntimeException gone) {
            return null; // the process ended while we looked
        }
    }

    private static long rssKib(Path status) {
        try {
            List<String> lines = Files.readAllLines(status);
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        }
        catch (IOException | RuntimeException gone) {
            // the process ended while we looked
        }
        return 0;
    }

}
