package io.hwplatform.memory.linux.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reading of a PSI file ({@code /proc/pressure/memory}, a cgroup's {@code memory.pressure}):
 * {@code some avg10=0.00 avg60=0.00 avg300=0.00 total=0} and the same for {@code full}.
 *
 * @param someAvg10 share of the last 10 s in which some task stalled on memory, in percent
 * @param someTotalMicros cumulative "some" stall time
 * @param fullAvg10 share of the last 10 s in which all non-idle tasks stalled, in percent
 * @param fullTotalMicros cumulative "full" stall time (0 where the kernel prints no full line)
 */
record Psi(double someAvg10, long someTotalMicros, double fullAvg10, long fullTotalMicros) {

    private static final Pattern LINE = Pattern.compile(
            "^(some|full)\\s+avg10=([0-9.]+)\\s+avg60=[0-9.]+\\s+avg300=[0-9.]+\\s+total=(\\d+)\\s*$");

    /** @return the reading, or empty when the text has no {@code some} line in PSI's format */
    static Optional<Psi> parse(String text) {
        Double someAvg = null;
        long someTotal = 0;
        double fullAvg = 0;
        long fullTotal = 0;
        for (String line : text.split("\n")) {
            Matcher matcher = LINE.matcher(line.strip());
            if (!matcher.matches()) {
                continue;
            }
            try {
                double avg10 = Double.parseDouble(matcher.group(2));
                long total = Long.parseLong(matcher.group(3));
                if (matcher.group(1).equals("some")) {
                    someAvg = avg10;
                    someTotal = total;
                } else {
                    fullAvg = avg10;
                    fullTotal = total;
                }
            } catch (NumberFormatException garbled) {
                return Optional.empty();
            }
        }
        return someAvg == null ? Optional.empty() : Optional.of(new Psi(someAvg, someTotal, fullAvg, fullTotal));
    }

    /** @return the reading for people, e.g. {@code some avg10=9.12 full avg10=0.80} */
    String describe() {
        return String.format(java.util.Locale.ROOT, "some avg10=%.2f full avg10=%.2f", someAvg10, fullAvg10);
    }
}
