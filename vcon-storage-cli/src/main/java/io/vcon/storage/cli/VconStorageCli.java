package io.vcon.storage.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code vcon-storage}: import, list, read, delete, export, save, copy and verify vCon archives in any store the
 * SPI finds (a directory, S3, memory), configured by a vcon-server style YAML file or, without one, in
 * {@code ./vcon-data}. Exit codes: 0 all done, 1 some items failed, 2 usage or configuration error.
 */
@Command(
    name = "vcon-storage",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Stores, lists, reads, copies and verifies vCons in object storage, with vcon-server's"
          + " layout.",
      "Without --config (or VCON_STORAGE_CONFIG) it uses a directory store, ./vcon-data."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:all done",
      "1:some items failed (each is reported)",
      "2:usage or configuration error"
    })
public final class VconStorageCli implements Runnable {
  /**
   * The commands, by name, in the order help lists them. Picocli builds each one's model by reflection at start-up,
   * so a run registers only the commands its arguments name (all of them when none is named, for help and errors):
   * {@code get} then builds one model, not eleven (start-up time, issue 22).
   */
  private static final Map<String, Class<?>> COMMANDS = commands();

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> c = new LinkedHashMap<>();
    c.put("import", ImportCommand.class);
    c.put("ls", LsCommand.class);
    c.put("get", GetCommand.class);
    c.put("delete", DeleteCommand.class);
    c.put("export", ExportCommand.class);
    c.put("save", SaveCommand.class);
    c.put("copy", CopyCommand.class);
    c.put("verify", VerifyCommand.class);
    c.put("doctor", DoctorCommand.class);
    c.put("replay", ReplayCommand.class);
    c.put("completion", CompletionCommand.class);
    c.put("help", CommandLine.HelpCommand.class);
    return Collections.unmodifiableMap(c);
  }

  static final int OK = 0;
  static final int SOME_FAILED = 1;
  static final int USAGE = 2;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description =
          "vcon-server style YAML (storages:, source:); default: $VCON_STORAGE_CONFIG, else the"
              + " embedded store.")
  Path config;

  @Option(
      names = "--store",
      paramLabel = "NAME",
      scope = ScopeType.INHERIT,
      description = "Which configured storage to use (default: the first).")
  String store;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description =
          "Directory of the embedded default store (default: vcon-data in the working directory);"
              + " only without a config.")
  Path data;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "More output: -v logs at INFO and shows stack traces, -vv at DEBUG.")
  boolean[] verbose = new boolean[0];

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Machine-readable output (JSON) on stdout.")
  boolean json;

  @Option(
      names = "--id-policy",
      paramLabel = "POLICY",
      scope = ScopeType.INHERIT,
      description =
          "Ids the embedded store and directories given as file:PATH take: uuid (default) or"
              + " token (also path-safe ids such as abc123). Configured storages set id_policy in"
              + " their options.")
  String idPolicy;

  @Option(
      names = "--progress",
      negatable = true,
      scope = ScopeType.INHERIT,
      description =
          "Draw progress in place on stderr (--no-progress: never). Default: only when stderr"
              + " is a terminal and TERM is not dumb.")
  Boolean progress;

  final CliContext context;

  VconStorageCli(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "Missing command; see vcon-storage --help.");
  }

  Session session() {
    return Session.open(this);
  }

  boolean verbose() {
    return verbose.length > 0;
  }

  /** Runs one command line in {@code context}; returns the exit code. */
  static int execute(CliContext context, String... args) {
    CommandLine cmd = commandLine(context, args);
    try {
      return cmd.execute(args);
    } finally {
      context.out.flush();
      context.err.flush();
      flush(context.stdout);
    }
  }

  /**
   * The command model (every command, option and description) for tools that generate documentation
   * from it, such as the distribution's man pages and completion script. Running it is not
   * supported: use {@link #main}.
   */
  public static CommandLine commandModel() {
    OutputStream none = OutputStream.nullOutputStream();
    return commandLine(CliContext.of(Path.of(""), Map.of(), none, none, StopSignal.create()));
  }

  /** The command line for {@code args}: the root, the commands {@code args} name (all when none) and help. */
  static CommandLine commandLine(CliContext context, String... args) {
    VconStorageCli root = new VconStorageCli(context);
    CommandLine cmd = new CommandLine(root);
    Set<String> named = new HashSet<>(Arrays.asList(args));
    // "help" alone lists every command, so it does not count as naming one; completion describes
    // them all.
    boolean any =
        !named.contains("completion")
            && COMMANDS.keySet().stream().anyMatch(n -> !n.equals("help") && named.contains(n));
    COMMANDS.forEach(
        (name, command) -> {
          if (!any || named.contains(name) || name.equals("help")) {
            cmd.addSubcommand(name, command);
          }
        });
    addHelpOptions(cmd);
    cmd.setOut(context.out);
    cmd.setErr(context.err);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setExecutionStrategy(
        parseResult -> {
          Logging.configure(root.verbose.length);
          return new CommandLine.RunLast().execute(parseResult);
        });
    cmd.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("vcon-storage: " + ErrorKind.describe(e));
          if (root.verbose()) {
            e.printStackTrace(commandLine.getErr());
          }
          commandLine.getErr().flush();
          return exitCode(e);
        });
    cmd.setExitCodeExceptionMapper(VconStorageCli::exitCode);
    return cmd;
  }

  /**
   * Gives every command {@code -h}/{@code --help}, as users expect of a Unix tool: without it
   * {@code export --help} failed with "Missing required option". A usage-help option also makes
   * picocli skip the required-option checks. Done here, once, so a new command cannot forget it.
   */
  private static void addHelpOptions(CommandLine command) {
    for (CommandLine sub : command.getSubcommands().values()) {
      CommandSpec spec = sub.getCommandSpec();
      boolean hasHelp = spec.options().stream().anyMatch(OptionSpec::usageHelp);
      if (!hasHelp) {
        spec.addOption(
            OptionSpec.builder("-h", "--help")
                .usageHelp(true)
                .description("Show this help message and exit.")
                .build());
      }
      addHelpOptions(sub);
    }
  }

  static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

  /**
   * Picocli registers a converter for every {@code java.time} and {@code java.sql} type on each
   * run, by reflection, and so initialises classes such as {@code MonthDay} whose static fields
   * build date formatters: about a tenth of a {@code get}'s start-up (issue 22, ADR 0030). No
   * option here has such a type without a converter of its own ({@code LocalDate} options use
   * {@link DateRange.DayConverter}), so the command line tells picocli to skip them, through the
   * system property picocli documents for this; a value the user set is left alone.
   */
  static void excludeUnusedConverters() {
    if (System.getProperty(CONVERTER_EXCLUDES) == null) {
      System.setProperty(CONVERTER_EXCLUDES, "java.time.*,java.sql.*");
    }
  }

  static int exitCode(Throwable e) {
    return ErrorKind.of(e).exitCode();
  }

  private static void flush(OutputStream stream) {
    try {
      stream.flush();
    } catch (IOException ignored) {
      // stdout is gone (a closed pipe); nothing left to tell anyone
    }
  }

  public static void main(String[] args) {
    excludeUnusedConverters();
    StopSignal stop = StopSignal.create();
    CountDownLatch finished = new CountDownLatch(1);
    // Ctrl-C: ask the running command to stop after the items in flight, and let it print its
    // summary.
    Thread hook =
        new Thread(
            () -> {
              stop.request();
              try {
                finished.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "vcon-storage-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    CliContext context =
        new CliContext(
            Path.of("").toAbsolutePath(),
            System::getenv,
            stdout,
            Texts.writer(stdout),
            Texts.writer(new FileOutputStream(FileDescriptor.err)),
            Terminal.stderrIsTerminal(),
            stop);
    int code;
    try {
      code = execute(context, args);
    } finally {
      finished.countDown();
    }
    if (!stop.requested()) {
      Runtime.getRuntime().removeShutdownHook(hook);
    }
    System.exit(code);
  }
}
