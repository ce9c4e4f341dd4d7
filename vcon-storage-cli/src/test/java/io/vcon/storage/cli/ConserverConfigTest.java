package io.vcon.storage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line pointed at a real conserver {@code config.yml} ({@code conserver-config.yml}:
 * chains, links, followers, {@code ${ENV}} references, and storages this tool does not implement):
 * the unknown storages are named once each as skipped, the file store and S3 work, and {@code
 * --store} naming a skipped one is an error. Child processes, because the skip is a log line.
 */
class ConserverConfigTest {

  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

  static final List<String> SKIPPED =
      List.of("mongo", "postgres", "elasticsearch", "milvus", "redis_storage");

  @TempDir Path work;
  ChildCli cli;

  @BeforeEach
  void setUp() throws IOException {
    try (InputStream in = ConserverConfigTest.class.getResourceAsStream("/conserver-config.yml")) {
      Files.write(work.resolve("config.yml"), in.readAllBytes());
    }
    cli = new ChildCli(work, Path.of(System.getProperty("java.home")));
    cli.env.put("VCON_DATA_DIR", work.resolve("archive").toString());
    cli.env.put("AWS_ACCESS_KEY_ID", S3ProxyExtension.ACCESS_KEY);
    cli.env.put("AWS_SECRET_ACCESS_KEY", S3ProxyExtension.SECRET_KEY);
    cli.env.put("S3_BUCKET", S3ProxyExtension.BUCKET);
    cli.env.put("S3_ENDPOINT_URL", S3.endpoint().toString());
    cli.env.put("S3_PATH", "conserver-" + UUID.randomUUID().toString().substring(0, 8));
    // MONGO_URL, POSTGRES_PASSWORD, OPENAI_API_KEY stay unset: only skipped storages and links use
    // them.
    for (String unset : List.of("MONGO_URL", "POSTGRES_PASSWORD", "OPENAI_API_KEY")) {
      cli.env.remove(unset);
    }
  }

  @Test
  @DisplayName("unknown storages are each named once as skipped; the file store and S3 work")
  void skipsUnknownStoragesAndUsesTheRest() throws Exception {
    ChildCli.Run imported =
        cli.run("--config", "config.yml", "import", CliRunner.samples().toString());
    assertThat(imported.code()).as(imported.toString()).isZero();
    assertThat(imported.out()).contains("imported 13 of 13 files into archive");
    for (String name : SKIPPED) {
      String skipped = "skipping storage '" + name + "'";
      assertThat(imported.err().lines().filter(l -> l.startsWith("WARN") && l.contains(skipped)))
          .as("one WARN line for %s in:%n%s", name, imported.err())
          .hasSize(1);
    }
    assertThat(imported.err().lines().filter(l -> l.startsWith("WARN"))).hasSize(SKIPPED.size());
    assertThat(work.resolve("archive/lookup/019f15a6-a752-826f-b9a2-279e0d16bc46.txt")).exists();

    ChildCli.Run copy =
        cli.run("--config", "config.yml", "copy", "--from", "archive", "--to", "s3");
    assertThat(copy.code()).as(copy.toString()).isZero();
    assertThat(copy.out()).contains("copied 8 vCons from archive to s3");

    ChildCli.Run ls = cli.run("--config", "config.yml", "--store", "s3", "ls");
    assertThat(ls.code()).as(ls.toString()).isZero();
    assertThat(ls.out().lines()).hasSize(8);
    assertThat(imported.err() + copy.err() + ls.err()).doesNotContain(S3ProxyExtension.SECRET_KEY);
  }

  @Test
  @DisplayName("--store naming a skipped storage is a clear error, exit 2")
  void storeNamingASkippedStorageIsAnError() throws Exception {
    ChildCli.Run ls = cli.run("--config", "config.yml", "--store", "mongo", "ls");
    assertThat(ls.code()).isEqualTo(2);
    assertThat(ls.err())
        .contains("--store mongo: storages.mongo uses module storage.mongo,")
        .contains("which this tool does not implement")
        .contains("choose one of [archive, s3]")
        .doesNotContain("skipUnknownModules");
  }
}
