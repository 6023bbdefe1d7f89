package dev.omnibridge.bench;

/** Entry point of the benchmark harness; run.sh calls the sub-commands. */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: bench <baseline|stub|ack-e2e|budget|units|cluster|memory|report|jfr-top> [--option value]...");
            System.exit(2);
        }
        Args a = new Args(args, 1);
        switch (args[0]) {
            case "baseline" -> BaselineServer.run(a);
            case "stub" -> StubOmnidesk.run(a);
            case "ack-e2e" -> Scenarios.ackAndE2e(a);
            case "budget" -> Scenarios.budget(a);
            case "units" -> UnitsScenario.run(a);
            case "cluster" -> ClusterScenario.run(a);
            case "memory" -> Scenarios.memory(a);
            case "report" -> Report.run(a);
            case "jfr-top" -> JfrTop.run(a);
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
