package io.vcon.storage.cli;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Whether progress is drawn in place on stderr. The rule, in order:
 *
 * <ol>
 *   <li>{@code --progress} or {@code --no-progress}, when given, decides;
 *   <li>{@code TERM=dumb} means no drawing (Emacs shells, some CI runners);
 *   <li>otherwise only when stderr itself is a terminal.
 * </ol>
 *
 * <p>{@code System.console() != null} is not that last test: on Java 17 it means stdin and stdout
 * are terminals and says nothing of stderr ({@code vcon-storage import x 2>log} from a shell: a
 * console, and stderr a file); on Java 22 and later a console may exist with every stream
 * redirected (the JLine-based provider), and {@code Console.isTerminal()} again speaks of stdin and
 * stdout, not stderr. On Linux the answer is where {@code /proc/self/fd/2} leads: a {@code
 * /dev/pts/N} or {@code /dev/ttyN} device is a terminal, a file, pipe or {@code /dev/null} is not.
 * Where {@code /proc} does not exist (macOS, Windows), the console's own answer is the best there
 * is: {@code isTerminal()} on Java 22 and later (called reflectively, this jar runs on 17), else a
 * console being present.
 */
final class Terminal {

  private static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

  private Terminal() {}

  /** The rule above; {@code stderrIsTerminal} is asked only when nothing before it decides. */
  static boolean drawProgress(Boolean flag, Function<String, String> env, BooleanSupplier stderr) {
    if (flag != null) {
      return flag;
    }
    String term = env.apply("TERM");
    if (term != null && term.strip().equalsIgnoreCase("dumb")) {
      return false;
    }
    return stderr.getAsBoolean();
  }

  /** Whether this process's stderr is a terminal, as well as Java can tell (see above). */
  static boolean stderrIsTerminal() {
    return stderrDevice(STDERR_LINK)
        .map(Terminal::isTerminalDevice)
        .orElseGet(Terminal::consoleIsTerminal);
  }

  /** Where a {@code /proc/self/fd/N} link leads; empty without such a link (no {@code /proc}). */
  static Optional<String> stderrDevice(Path link) {
    try {
      return Optional.of(Files.readSymbolicLink(link).toString());
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** {@code /dev/pts/3}, {@code /dev/tty1}, {@code /dev/console}: terminals; files, pipes: not. */
  static boolean isTerminalDevice(String target) {
    return target.startsWith("/dev/pts/")
        || target.startsWith("/dev/tty")
        || target.equals("/dev/console");
  }

  private static boolean consoleIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal"); // Java 22+
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // Java 17 to 21: a console exists only when stdin and stdout are terminals
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
