package io.vcon.storage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the CLI in-process, as {@code main} would, with captured stdout (bytes) and stderr. */
final class CliRunner {
  final Path workDir;
  final Map<String, String> env = new HashMap<>();

  CliRunner(Path workDir) {
    this.workDir = workDir;
  }

  record Result(int code, byte[] stdout, String stderr) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Everything printed, to check that no secret leaks. */
    String all() {
      return out() + stderr;
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out() + "\n--- stderr\n" + stderr;
    }
  }

  Result run(String... args) {
    return run(StopSignal.create(), args);
  }

  Result run(StopSignal stop, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = VconStorageCli.execute(CliContext.of(workDir, env, out, err, stop), args);
    return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  /** Parses a whole JSON document with Jackson's streaming parser (fails on any syntax error) and returns it. */
  static String assertJson(String text) {
    try (JsonParser p = new JsonFactory().createParser(text)) {
      JsonToken first = p.nextToken();
      assertThat(first).isIn(JsonToken.START_OBJECT, JsonToken.START_ARRAY);
      p.skipChildren();
      assertThat(p.nextToken()).as("one JSON document, nothing after it").isNull();
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
    return text;
  }

  /** A number field of a flat JSON summary, e.g. {@code "imported":13}. */
  static long number(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
    assertThat(m.find()).as("field %s in %s", name, json).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** The repository's sample vCons. */
  static Path samples() {
    Path p = Path.of("..", "examples", "vcons").toAbsolutePath().normalize();
    assertThat(p).isDirectory();
    return p;
  }
}
