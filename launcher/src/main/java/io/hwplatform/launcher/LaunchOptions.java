package io.hwplatform.launcher;

import java.util.Optional;

/**
 * What the command line asked for.
 *
 * @param commandLine the Gogo command line of {@code -c}, or empty for the interactive shell
 * @param root the filesystem root of {@code --root}, which sets {@code hwplatform.root}
 * @param verbose whether {@code -v} asked for the start-up timing on stderr
 * @param help whether {@code -h} asked for the usage text
 * @param daemon whether {@code --daemon} asked to run without a shell until stopped
 * @param http where {@code --http} asked to serve {@code /metrics} and the health checks; empty for no port at all
 */
record LaunchOptions(Optional<String> commandLine, Optional<String> root, boolean verbose, boolean help,
        boolean daemon, Optional<HttpAddress> http) {

    static final String USAGE = String.join("\n",
            "usage: java -jar hwplatform.jar [-c '<gogo command line>' | --daemon] [--http [<host>:]<port>]",
            "                                [--root <dir>] [-v] [-h]",
            "",
            "  (no -c)          boot the runtime and open the Gogo shell; Ctrl-D or 'exit' stops it",
            "  -c, --command    run the command line (commands separated by ';'), print what each returns,",
            "                   stop and exit 0; on failure print the error to stderr and exit 1",
            "  --daemon         run without a shell and without reading stdin until SIGTERM or SIGINT, then",
            "                   stop every bundle in order and exit 0; everything is logged to stderr",
            "  --http [<host>:]<port>",
            "                   serve /metrics (Prometheus) and /system/health (the health checks) on every",
            "                   interface, or on <host> only; without it no port is opened",
            "  --root <dir>     read sysfs, procfs and DMI below <dir> instead of / (sets hwplatform.root)",
            "  -v, --verbose    print the start-up time on stderr",
            "  -h, --help       print this text",
            "",
            "Bundles and .cfg files dropped into ./deploy are installed and applied while the runtime runs.");

    /**
     * @throws IllegalArgumentException for an unknown option or a missing option value
     */
    static LaunchOptions parse(String... args) {
        String commandLine = null;
        String root = null;
        boolean verbose = false;
        boolean help = false;
        boolean daemon = false;
        HttpAddress http = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-c", "--command" -> commandLine = valueOf(args, ++i, "-c");
                case "--root" -> root = valueOf(args, ++i, "--root");
                case "-v", "--verbose" -> verbose = true;
                case "-h", "--help" -> help = true;
                case "--daemon" -> daemon = true;
                case "--http" -> http = HttpAddress.parse(valueOf(args, ++i, "--http"));
                default -> throw new IllegalArgumentException("unknown option: " + args[i]);
            }
        }
        if (daemon && commandLine != null) {
            throw new IllegalArgumentException("--daemon and -c exclude each other");
        }
        return new LaunchOptions(Optional.ofNullable(commandLine), Optional.ofNullable(root), verbose, help, daemon,
                Optional.ofNullable(http));
    }

    private static String valueOf(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
