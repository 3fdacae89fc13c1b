package io.kafkarestaurants.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of the running stack as local/run.sh lists them in DATA_DIR/parts.tsv: name,
 * pid, seconds to ready.
 */
record Parts(List<Part> all) {

    record Part(String name, long pid, int readySeconds) {
    }

    static Parts read(Path file) throws IOException {
        List<Part> parts = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            if (f.length == 3) {
                parts.add(new Part(f[0], Long.parseLong(f[1]), Integer.parseInt(f[2])));
            }
        }
        return new Parts(parts);
    }

    /**
     * The app's processes: "app" (all roles) or "app-api", "app-transactions",
     * "app-email".
     */
    List<Part> appRoles() {
        return all.stream().filter(p -> p.name().startsWith("app")).toList();
    }

    /** CPU milliseconds of every part now, by name. */
    Map<String, Long> cpuMillis() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        for (Part part : all) {
            cpu.put(part.name(), Proc.groupCpuMillis(part.pid()));
        }
        return cpu;
    }
}
