package example;

import io.vcon.storage.api.Storage;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.spi.NamedProvider;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.Providers;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a user does on day one with the published artifacts, outside this repository's build: depend
 * on them, compile, run. scripts/check-release.sh builds this against the release repository only.
 * Arguments: the artifactIds the generated POM depends on; each known one gets its own check.
 */
public final class DayOne {
  private DayOne() {}

  public static void main(String[] args) throws IOException {
    Set<String> modules = Set.of(args);
    String id = "019f15a6-a752-826f-b9a2-279e0d16bc46";
    byte[] document =
        ("{\"vcon\":\"0.0.1\",\"uuid\":\""
                + id
                + "\",\"created_at\":\"2023-10-20T12:00:00Z\",\"parties\":[]}")
            .getBytes(StandardCharsets.UTF_8);

    if (modules.contains("vcon-storage-inmemory")) {
      VconStore store =
          Providers.createStore("memory", ProviderOptions.of(Map.of("prefix", "vcons")));
      try (Storage storage = Storage.builder().store("archive", store).build()) {
        storage.save(Vcon.parse(document)).orThrow();
        check(
            Arrays.equals(storage.get(VconId.of(id)).bytes(), document),
            "the bytes read back are the bytes saved");
      }
      System.out.println(
          "ok  vcon-storage-inmemory: saved and read back " + id + " through Storage");
    }

    if (modules.contains("vcon-storage-s3")) {
      // Found by its vcon-server module name and configured with vcon-server's options; sends no
      // request.
      Map<String, String> options =
          Map.of(
              "aws_bucket", "day-one",
              "aws_region", "us-east-1",
              "endpoint_url", "http://127.0.0.1:9",
              "aws_access_key_id", "AKIADAYONE",
              "aws_secret_access_key", "day-one-secret");
      try (VconStore s3 = Providers.createStore("storage.s3", ProviderOptions.of(options))) {
        check(
            !String.valueOf(s3).contains("day-one-secret"),
            "the store's toString() shows no secret");
        System.out.println(
            "ok  vcon-storage-s3: module storage.s3 gives a store for bucket day-one");
      }
    }

    for (String module : modules) {
      if (module.contains("spring-boot-starter")) {
        // A starter is found by Spring Boot through this file; that it is on the class path is the
        // check.
        String imports =
            "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";
        List<URL> found = Collections.list(DayOne.class.getClassLoader().getResources(imports));
        check(!found.isEmpty(), module + " brings an auto-configuration (" + imports + ")");
        System.out.println("ok  " + module + ": auto-configuration on the class path");
      }
    }

    System.out.println(
        "ok  store providers found: "
            + Providers.storeProviders().stream().map(NamedProvider::id).sorted().toList());
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("day-one check failed: " + what);
    }
  }
}
