package io.vcon.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lazy listing: key order, one key for a plain and a gzip twin, and large directories sorted on
 * disk.
 */
class FsKeyWalkTest {

  @TempDir Path root;

  @Test
  @DisplayName(
      "a directory sorted through runs of 4 names lists exactly the keys, in order, as one run"
          + " does")
  void spilledDirectoryListsInOrder() throws IOException {
    TreeSet<String> expected = new TreeSet<>();
    Files.createDirectories(root.resolve("lookup"));
    Files.createDirectories(root.resolve("2024/01/02"));
    for (int i = 0; i < 23; i++) {
      String id = UUID.randomUUID().toString();
      Files.writeString(root.resolve("lookup/" + id + ".txt"), "2024/01/02");
      Files.writeString(root.resolve("2024/01/02/" + id + ".json"), "{}");
      expected.add("lookup/" + id + ".txt");
      expected.add("2024/01/02/" + id + ".vcon");
    }
    // A gzip twin of one object is the same key, listed once; a file beside a folder sorts as keys
    // do.
    String twin = expected.stream().filter(k -> k.endsWith(".vcon")).findFirst().orElseThrow();
    Files.writeString(root.resolve(twin.replace(".vcon", ".json.gz")), "x");
    Files.writeString(root.resolve("2024-notes.txt"), "n");
    expected.add("2024-notes.txt");

    assertThat(walk(4)).containsExactlyElementsOf(expected);
    assertThat(walk(FsKeyWalk.RUN)).containsExactlyElementsOf(expected);
  }

  private List<String> walk(int run) {
    List<String> keys = new ArrayList<>();
    new FsKeyWalk(root, root, "", this::keyOf, run).forEachRemaining(keys::add);
    return keys;
  }

  /** The store's mapping: .json and .json.gz files are .vcon keys. */
  private Optional<String> keyOf(Path file) {
    String relative = root.relativize(file).toString().replace('\\', '/');
    if (relative.endsWith(".json.gz")) {
      return Optional.of(relative.substring(0, relative.length() - ".json.gz".length()) + ".vcon");
    }
    if (relative.endsWith(".json")) {
      return Optional.of(relative.substring(0, relative.length() - ".json".length()) + ".vcon");
    }
    return Optional.of(relative);
  }
}
