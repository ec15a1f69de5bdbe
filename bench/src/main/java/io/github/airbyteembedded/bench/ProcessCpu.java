package io.github.airbyteembedded.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of a process from the operating system's accounting: Linux's {@code /proc/<pid>/stat}
 * ({@code utime}, {@code stime}, in clock ticks of 1/100 s), for the whole process and per thread
 * ({@code /proc/<pid>/task/<tid>/stat}, grouped by the thread's name). Elsewhere it falls back to
 * {@link ProcessHandle.Info#totalCpuDuration()} for the whole process and knows no threads.
 */
final class ProcessCpu {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux we run on
    private static final long NANOS_PER_TICK = (long) (1e9 / TICKS_PER_SECOND);

    /** User and system CPU time of a process (or thread) so far, in nanoseconds. */
    record Sample(long userNanos, long systemNanos) {
        static final Sample UNKNOWN = new Sample(-1, -1);

        long totalNanos() {
            return userNanos < 0 ? -1 : userNanos + systemNanos;
        }

        Sample minus(Sample earlier) {
            return userNanos < 0 || earlier.userNanos < 0 ? UNKNOWN
                    : new Sample(userNanos - earlier.userNanos, systemNanos - earlier.systemNanos);
        }
    }

    private ProcessCpu() {
    }

    /** The CPU time of process {@code pid} so far. */
    static Sample of(long pid) {
        Sample sample = read(Path.of("/proc", Long.toString(pid), "stat"));
        if (sample != Sample.UNKNOWN) {
            return sample;
        }
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration())
                .map(total -> new Sample(total.toNanos(), 0)).orElse(Sample.UNKNOWN);
    }

    /**
     * The CPU time of the threads of process {@code pid} so far, summed by group ({@link
     * #groupOf(String)} of each thread's name); empty where the OS does not tell. Threads that ended
     * are not counted.
     */
    static Map<String, Long> byThreadGroup(long pid) {
        Map<String, Long> groups = new TreeMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return groups;
        }
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                Sample sample = read(thread.resolve("stat"));
                String name;
                try {
                    name = Files.readString(thread.resolve("comm")).strip();
                } catch (IOException e) {
                    continue; // the thread ended
                }
                if (sample.totalNanos() >= 0) {
                    groups.merge(groupOf(name), sample.totalNanos(), Long::sum);
                }
            }
        } catch (IOException e) {
            return groups;
        }
        return groups;
    }

    /** The difference of two {@link #byThreadGroup(long)} readings, group by group. */
    static Map<String, Long> minus(Map<String, Long> later, Map<String, Long> earlier) {
        Map<String, Long> difference = new TreeMap<>();
        later.forEach((group, nanos) -> difference.put(group, Math.max(0, nanos - earlier.getOrDefault(group, 0L))));
        return difference;
    }

    /**
     * What a thread does, from its name as Linux keeps it (the first 15 characters): Tomcat's request
     * threads ({@code http-nio-<port>-exec-N}), its poller and acceptor, the JDK {@code HttpClient}'s
     * selector and its executor's workers, garbage collection, the JIT compilers, the fork-join pool,
     * {@code CompletableFuture}'s timer, and the rest.
     */
    static String groupOf(String name) {
        if (name.startsWith("http-nio-")) {
            String rest = name.substring("http-nio-".length());
            int dash = rest.indexOf('-');
            String role = dash < 0 || dash + 1 >= rest.length() ? "" : rest.substring(dash + 1);
            return role.startsWith("e") ? "Tomcat request threads" : "Tomcat poller and acceptor";
        }
        if (name.startsWith("HttpClient-")) {
            return name.contains("-Se") ? "JDK HttpClient selector" : "JDK HttpClient workers";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread")) {
            return "GC and VM";
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return "JIT compilers";
        }
        if (name.startsWith("ForkJoinPool")) {
            return "ForkJoinPool";
        }
        if (name.startsWith("CompletableFutu")) {
            return "CompletableFuture timer";
        }
        return "other";
    }

    /** Busy time of all cores together so far (Linux {@code /proc/stat}), in nanoseconds, or -1. */
    static long machineBusyNanos() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            if (!fields[0].equals("cpu") || fields.length < 9) {
                return -1;
            }
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system (idle iowait) irq softirq steal
                busy += Long.parseLong(fields[i]);
            }
            return busy * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The machine's CPU model (Linux {@code /proc/cpuinfo}), or the OS architecture elsewhere. */
    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static Sample read(Path stat) {
        try {
            String line = Files.readString(stat);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state); utime and stime are fields 14 and 15
            return new Sample(Long.parseLong(fields[11]) * NANOS_PER_TICK, Long.parseLong(fields[12]) * NANOS_PER_TICK);
        } catch (IOException | RuntimeException e) {
            return Sample.UNKNOWN;
        }
    }
}
