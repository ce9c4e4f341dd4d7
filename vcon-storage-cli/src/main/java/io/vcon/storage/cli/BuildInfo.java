package io.vcon.storage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code --version} prints: the version and the git commit this jar was built from, read from
 * {@code build-info.properties}, which the build writes. A value the build could not fill in (no
 * git clone, no Maven resource filtering) stays a {@code ${...}} placeholder and is reported as
 * unknown, with the reason, rather than printed raw.
 */
final class BuildInfo implements IVersionProvider {
  static final String RESOURCE = "build-info.properties";

  private final Properties values;

  BuildInfo() {
    this(load());
  }

  BuildInfo(Properties values) {
    this.values = values;
  }

  /** The version, or {@code unknown} when the jar was not built by Maven. */
  String version() {
    return value("version").orElse("unknown");
  }

  /** The full commit id, or empty when the build had no git metadata. */
  Optional<String> commit() {
    return value("commit");
  }

  @Override
  public String[] getVersion() {
    List<String> lines = new ArrayList<>();
    lines.add("vcon-storage " + version());
    lines.add(commitLine());
    lines.add(
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + "), "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.arch"));
    return lines.toArray(String[]::new);
  }

  private String commitLine() {
    if (commit().isEmpty()) {
      return "commit unknown (built without git metadata, e.g. from a source archive rather than a"
          + " clone)";
    }
    StringBuilder line = new StringBuilder("commit ").append(commit().get());
    value("commit.time").ifPresent(time -> line.append(" (").append(time).append(')'));
    if (value("dirty").map(Boolean::parseBoolean).orElse(false)) {
      line.append(", built with uncommitted changes");
    }
    return line.toString();
  }

  private Optional<String> value(String key) {
    String v = values.getProperty(key, "").strip();
    // An unfilled placeholder means the build did not know the value.
    return v.isEmpty() || v.startsWith("${") ? Optional.empty() : Optional.of(v);
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from the vcon-storage jar", e);
    }
    return p;
  }
}
