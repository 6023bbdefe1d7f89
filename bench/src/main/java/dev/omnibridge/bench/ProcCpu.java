package dev.omnibridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used so far (user + system, /proc/<pid>/stat), so that figures can be normalised per
 * webhook or per case: on a busy or shared machine, "CPU milliseconds per case" moves much less than wall time.
 */
class ProcCpu {

    private final long pid;
    private final double msPerTick;

    private ProcCpu(long pid, int clockTicksPerSecond) {
        this.pid = pid;
        this.msPerTick = 1000.0 / clockTicksPerSecond;
    }

    /** From a pid file (null when there is none, e.g. not on Linux). */
    static ProcCpu of(String pidFile, int clockTicks) {
        try {
            long pid = Long.parseLong(Files.readString(Path.of(pidFile)).trim());
            ProcCpu cpu = new ProcCpu(pid, clockTicks);
            cpu.millis();
            return cpu;
        } catch (IOException | RuntimeException e) {
            System.out.println("  (no CPU accounting for " + pidFile + ": " + e + ")");
            return null;
        }
    }

    /** Of processes by their pids, summed (the replicas the harness started itself). */
    static ProcCpu ofPids(java.util.List<Long> pids, int clockTicks) {
        java.util.List<ProcCpu> each = pids.stream().map(p -> new ProcCpu(p, clockTicks)).toList();
        return new ProcCpu(-1, clockTicks) {
            @Override
            double millis() {
                return each.stream().mapToDouble(ProcCpu::millis).sum();
            }
        };
    }

    /** CPU milliseconds used so far. */
    double millis() {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state=0 ... utime=11, stime=12
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * msPerTick;
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
