package io.kafkarestaurants.bench;

/**
 * One line of the bench table: a measured value, the baseline it is compared with (a
 * stage measured alone in the same run, or the original project's figure), and the target
 * the speed work set, if any.
 *
 * @param higherIsBetter whether the target is a floor (rates) or a ceiling (latencies,
 * memory, start time)
 */
record Figure(String name, double value, String unit, double baseline, String baselineName, Double target,
        boolean higherIsBetter) {

    static Figure of(String name, double value, String unit) {
        return new Figure(name, value, unit, Double.NaN, "", null, true);
    }

    Figure against(double baseline, String baselineName) {
        return new Figure(name, value, unit, baseline, baselineName, target, higherIsBetter);
    }

    Figure atLeast(double target) {
        return new Figure(name, value, unit, baseline, baselineName, target, true);
    }

    Figure atMost(double target) {
        return new Figure(name, value, unit, baseline, baselineName, target, false);
    }

    double ratio() {
        return Double.isNaN(baseline) || baseline == 0 ? Double.NaN : value / baseline;
    }

    /** "met", "missed" or "" when the figure has no target. */
    String verdict() {
        if (target == null || Double.isNaN(value)) {
            return target == null ? "" : "missed";
        }
        return (higherIsBetter ? value >= target : value <= target) ? "met" : "missed";
    }
}
