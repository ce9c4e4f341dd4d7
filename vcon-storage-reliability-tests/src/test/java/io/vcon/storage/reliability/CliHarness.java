package io.vcon.storage.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vcon.storage.cli.InProcessCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CLI as an operator runs it against {@link S3Server}: a vcon-server style YAML file naming S3 storages (each
 * reached directly or through a {@link FaultProxy} port, under its own {@code s3_path}), the secret passed through
 * the environment rather than written into the file.
 */
final class CliHarness {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path config;
  private final InProcessCli cli;

  CliHarness(Path workDir) {
    this.config = workDir.resolve("config.yml");
    this.cli =
        new InProcessCli(
            workDir,
            Map.of("VCON_STORAGE_CONFIG", config.toString(), "S3_SECRET", S3Server.SECRET_KEY));
  }

  /** One S3 storage definition: {@code port} is S3Proxy's or a fault proxy's; {@code tuning} extra YAML options. */
  static String s3(int port, String prefix, String tuning) {
    return "{ module: storage.s3, options: { aws_bucket: "
        + S3Server.BUCKET
        + ", aws_region: us-east-1,"
        + " endpoint_url: \"http://127.0.0.1:"
        + port
        + "\", aws_access_key_id: "
        + S3Server.ACCESS_KEY
        + ","
        + " aws_secret_access_key: \"${S3_SECRET}\", s3_path: \""
        + prefix
        + "\""
        + (tuning.isEmpty() ? "" : ", " + tuning)
        + " } }";
  }

  /** Rewrites the config file with these storages (name to {@link #s3} definition), the first being the default. */
  void storages(Map<String, String> storages) {
    StringBuilder yaml = new StringBuilder("storages:\n");
    new LinkedHashMap<>(storages)
        .forEach(
            (name, def) -> yaml.append("  ").append(name).append(": ").append(def).append('\n'));
    try {
      Files.writeString(config, yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  InProcessCli.Result run(String... args) {
    return cli.run(args);
  }

  InProcessCli.Result runStoppingAfter(long items, String... args) {
    return cli.runStoppingAfter(items, args);
  }

  /** The JSON summary a {@code --json} run printed, or null when it printed none (the run failed as a whole). */
  static JsonNode summary(InProcessCli.Result result) {
    String out = result.out().strip();
    if (out.isEmpty()) {
      return null;
    }
    try {
      return JSON.readTree(out);
    } catch (IOException e) {
      throw new AssertionError("not one JSON document on stdout:\n" + result, e);
    }
  }
}
