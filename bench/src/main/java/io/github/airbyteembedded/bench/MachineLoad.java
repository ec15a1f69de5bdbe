package io.github.airbyteembedded.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How busy the machine was during a phase, outside this JVM: the benchmarks share their cores with
 * whatever else runs, and that is the main source of noise. Reads Linux's {@code /proc/stat} (busy
 * time of all cores, in clock ticks of 1/100 s) and this JVM's CPU time; elsewhere it reports
 * nothing.
 */
final class MachineLoad {

    private static final Path PROC_STAT = Path.of("/proc/stat");
    private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux we run on

    private final long wallNanos;
    private final long busyTicks;
    private final long processCpuNanos;

    private MachineLoad(long wallNanos, long busyTicks, long processCpuNanos) {
        this.wallNanos = wallNanos;
        this.busyTicks = busyTicks;
        this.processCpuNanos = processCpuNanos;
    }

    /** Takes a reading now; compare two with {@link #coresBusyElsewhereSince(MachineLoad)}. */
    static MachineLoad now() {
        return new MachineLoad(System.nanoTime(), busyTicks(), processCpuNanos());
    }

    /**
     * Average number of cores kept busy by everything but this JVM between {@code earlier} and this
     * reading, formatted with two decimals, or {@code "-"} when the platform does not tell.
     */
    String coresBusyElsewhereSince(MachineLoad earlier) {
        if (busyTicks < 0 || earlier.busyTicks < 0 || processCpuNanos < 0 || earlier.processCpuNanos < 0) {
            return "-";
        }
        double seconds = (wallNanos - earlier.wallNanos) / 1e9;
        double busy = (busyTicks - earlier.busyTicks) / TICKS_PER_SECOND;
        double ours = (processCpuNanos - earlier.processCpuNanos) / 1e9;
        return Table.format(Math.max(0, busy - ours) / seconds);
    }

    /** CPU time this JVM used between {@code earlier} and this reading, or -1 when unknown. */
    long processCpuNanosSince(MachineLoad earlier) {
        return processCpuNanos < 0 || earlier.processCpuNanos < 0 ? -1 : processCpuNanos - earlier.processCpuNanos;
    }

    long wallNanosSince(MachineLoad earlier) {
        return wallNanos - earlier.wallNanos;
    }

    private static long busyTicks() {
        try {
            List<String> lines = Files.readAllLines(PROC_STAT);
            String[] fields = lines.get(0).trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal ...
            if (!fields[0].equals("cpu") || fields.length < 9) {
                return -1;
            }
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(fields[i]);
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
