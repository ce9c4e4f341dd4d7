package io.vcon.storage.cli;

import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStorageException;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.config.ConfigLoader;
import io.vcon.storage.config.ModuleDefinition;
import io.vcon.storage.config.VconStorageConfig;
import io.vcon.storage.spi.Diagnosable;
import io.vcon.storage.spi.DiagnosticOptions;
import io.vcon.storage.spi.DiagnosticResult;
import io.vcon.storage.spi.DiagnosticResult.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vcon-storage doctor}: checks the configuration, where its secrets come from (never showing them), then
 * asks the store and the source to check themselves through the {@link Diagnosable} SPI, so that this command
 * knows no adapter (ADR 0010). One line per check; exit code 1 when any check fails.
 */
@Command(
    name = "doctor",
    description = {
      "Checks a configured store (and the source, if one is configured): configuration, where"
          + " secrets come from, endpoint, credentials, bucket, region, bucket settings, Redis"
          + " modules; one line per check with what to do. Only reads, unless --write-probe.",
      "Exit code 0 when no check fails, 1 otherwise."
    })
final class DoctorCommand extends BaseCommand {

  /** Option names that hold secrets, whatever the adapter. */
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(secret|password|passwd|token|private_key|api_key).*");

  /** A URL with a password in it: {@code scheme://[user]:password@host}. */
  private static final Pattern URL_WITH_PASSWORD =
      Pattern.compile("(?i)^[a-z][a-z0-9+.-]*://[^/@\\s]*:[^/@\\s]+@.*");

  // Stands in for every environment variable in a second parse, to see which values came from
  // ${...}.
  private static final String MARK = "\u0001env:";
  private static final String MARK_END = "\u0002";
  private static final Pattern MARKED = Pattern.compile("\u0001env:([A-Za-z0-9_]+)\u0002");

  @Option(
      names = "--write-probe",
      description =
          "Also put, get and delete a probe object under [s3_path/]_doctor/ and try a conditional"
              + " put; never touches vCon keys.")
  boolean writeProbe;

  /** One printed line: what was checked ({@code config}, the store's name, {@code source}) and the result. */
  record Line(String target, DiagnosticResult result) {}

  @Override
  public Integer call() {
    List<Line> lines = new ArrayList<>();
    Session session;
    try {
      session = root.session();
    } catch (VconStorageException e) {
      lines.add(
          new Line(
              "config", DiagnosticResult.fail("parse", e.getMessage(), "fix the configuration")));
      return report(lines, null);
    }
    try (session) {
      String name = session.selectedName();
      ModuleDefinition store = session.definition(name).orElseThrow();
      lines.add(
          new Line(
              "config",
              DiagnosticResult.ok(
                  "parse",
                  session.configFile().isPresent()
                      ? session.origin()
                          + " parses; storage '"
                          + name
                          + "' uses module "
                          + store.module()
                      : "no config file: " + session.origin())));
      lines.addAll(secrets(session, name));
      DiagnosticOptions options = new DiagnosticOptions(writeProbe);
      try {
        VconStore opened = session.store();
        lines.add(
            new Line(
                name,
                DiagnosticResult.ok(
                    "options",
                    "module " + store.module() + " accepts the options (" + opened.name() + ")")));
        lines.addAll(diagnose(name, opened, store.module(), options));
      } catch (VconStorageException e) {
        lines.add(
            new Line(
                name, DiagnosticResult.fail("options", e.getMessage(), "fix the option it names")));
      }
      Optional<ModuleDefinition> source = session.sourceDefinition();
      if (source.isPresent()) {
        try {
          VconSource opened = session.source();
          lines.add(
              new Line(
                  "source",
                  DiagnosticResult.ok(
                      "options",
                      "module "
                          + source.get().module()
                          + " accepts the options ("
                          + opened.name()
                          + ")")));
          lines.addAll(diagnose("source", opened, source.get().module(), options));
        } catch (VconStorageException e) {
          lines.add(
              new Line(
                  "source",
                  DiagnosticResult.fail("options", e.getMessage(), "fix the option it names")));
        }
      }
      return report(lines, name);
    }
  }

  private static List<Line> diagnose(
      String target, Object component, String module, DiagnosticOptions options) {
    if (!(component instanceof Diagnosable diagnosable)) {
      return List.of(
          new Line(
              target,
              DiagnosticResult.unsupported(
                  "checks", "module " + module + " offers no checks of its own")));
    }
    try {
      return diagnosable.diagnose(options).stream().map(r -> new Line(target, r)).toList();
    } catch (RuntimeException e) {
      // A check is supposed to report, not throw; if one does, that is still a finding, not a
      // crash.
      return List.of(
          new Line(
              target,
              DiagnosticResult.fail(
                  "checks",
                  "the checks stopped: "
                      + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                  "")));
    }
  }

  /**
   * Where each secret-looking option comes from: a {@code ${VAR}} reference or the file itself. The file is parsed
   * a second time with every variable replaced by a marker, so values are compared without ever being read out.
   */
  private List<Line> secrets(Session session, String storeName) {
    Optional<Path> file = session.configFile();
    if (file.isEmpty()) {
      return List.of(
          new Line(
              "config",
              DiagnosticResult.ok("secrets", "none: the embedded store needs no credentials")));
    }
    VconStorageConfig marked =
        ConfigLoader.builder().environment(var -> MARK + var + MARK_END).build().load(file.get());
    List<Line> out = new ArrayList<>();
    List<ModuleDefinition> defs = new ArrayList<>();
    Optional.ofNullable(marked.storages().get(storeName)).ifPresent(defs::add);
    marked.source().ifPresent(defs::add);
    for (ModuleDefinition def : defs) {
      for (Map.Entry<String, Object> option : def.options().entrySet()) {
        if (!(option.getValue() instanceof String value)) {
          continue;
        }
        boolean secretName = SECRET_NAME.matcher(option.getKey()).matches();
        boolean urlWithPassword = URL_WITH_PASSWORD.matcher(value).matches();
        boolean fromEnv = value.contains(MARK);
        if (!secretName && !urlWithPassword && !(fromEnv && option.getKey().equals("url"))) {
          continue;
        }
        String path = def.yamlPath() + "." + option.getKey();
        if (fromEnv) {
          TreeSet<String> vars = new TreeSet<>();
          Matcher m = MARKED.matcher(value);
          while (m.find()) {
            vars.add("${" + m.group(1) + "}");
          }
          out.add(
              new Line(
                  "config",
                  DiagnosticResult.ok(
                      "secrets",
                      path + " comes from " + String.join(", ", vars) + " (value not shown)")));
        } else if (secretName || urlWithPassword) {
          String variable = option.getKey().toUpperCase(Locale.ROOT);
          out.add(
              new Line(
                  "config",
                  DiagnosticResult.warn(
                      "secrets",
                      path + " is written in " + file.get() + " (value not shown)",
                      "move it to the environment: "
                          + option.getKey()
                          + ": \"${"
                          + variable
                          + "}\"")));
        }
      }
    }
    if (out.isEmpty()) {
      out.add(
          new Line(
              "config",
              DiagnosticResult.ok(
                  "secrets",
                  "no secrets in the configuration of '"
                      + storeName
                      + "'"
                      + (marked.source().isPresent() ? " or the source" : "")
                      + "; credentials, if any, come from the adapter's defaults (see its"
                      + " credentials check)")));
    }
    return out;
  }

  private int report(List<Line> lines, String store) {
    Map<Status, Integer> counts = new EnumMap<>(Status.class);
    for (Status s : Status.values()) {
      counts.put(s, 0);
    }
    lines.forEach(l -> counts.merge(l.result().status(), 1, Integer::sum));
    if (json()) {
      List<Object> checks = new ArrayList<>();
      for (Line l : lines) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("target", l.target());
        c.put("check", l.result().check());
        c.put("status", l.result().status().name().toLowerCase(Locale.ROOT));
        c.put("message", l.result().message());
        c.put("advice", l.result().advice());
        checks.add(c);
      }
      Map<String, Object> totals = new LinkedHashMap<>();
      counts.forEach((s, n) -> totals.put(s.name().toLowerCase(Locale.ROOT), n));
      summary("doctor")
          .put("store", store)
          .put("checks", checks)
          .put("totals", totals)
          .printFields();
    } else {
      for (Line l : lines) {
        out().println(format(l));
      }
      out()
          .println(
              "doctor: "
                  + counts.get(Status.OK)
                  + " ok, "
                  + counts.get(Status.WARN)
                  + " warn, "
                  + counts.get(Status.FAIL)
                  + " fail, "
                  + counts.get(Status.UNSUPPORTED)
                  + " not supported, "
                  + counts.get(Status.SKIPPED)
                  + " skipped");
    }
    return counts.get(Status.FAIL) == 0 ? VconStorageCli.OK : VconStorageCli.SOME_FAILED;
  }

  /** {@code warn  s3/versioning: versioning is off on bucket b -> enable it: ...}. */
  static String format(Line line) {
    DiagnosticResult r = line.result();
    String word =
        switch (r.status()) {
          case OK -> "ok";
          case WARN -> "warn";
          case FAIL -> "fail";
          case UNSUPPORTED -> "n/a";
          case SKIPPED -> "skip";
        };
    return String.format(
            Locale.ROOT, "%-4s  %s/%s: %s", word, line.target(), r.check(), r.message())
        + (r.advice().isEmpty() ? "" : " -> " + r.advice());
  }
}
