package io.vcon.storage.distribution;

import io.vcon.storage.cli.VconStorageCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes what the distribution ships next to the jars, from the command model itself so it can
 * never disagree with the code: one AsciiDoc man page per command (turned into troff by Asciidoctor
 * in the build) and the bash/zsh completion script, the same one {@code vcon-storage completion}
 * prints. Run by the build ({@code exec:java}); not part of the command line.
 */
public final class GenerateDocs {
  private GenerateDocs() {}

  /**
   * Generates the documents.
   *
   * @param args the AsciiDoc directory, then the completion script's path
   * @throws IOException when a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: GenerateDocs ADOC_DIR COMPLETION_FILE");
    }
    Path adoc = Files.createDirectories(Path.of(args[0]));
    Path completion = Path.of(args[1]);
    CommandLine model = VconStorageCli.commandModel();
    // force: regenerate over an earlier build's pages; no templates: the generated pages are the
    // pages.
    int status =
        ManPageGenerator.generateManPage(
            adoc.toFile(), null, new boolean[0], true, model.getCommandSpec());
    if (status != 0) {
      throw new IllegalStateException("picocli's ManPageGenerator failed with status " + status);
    }
    Files.createDirectories(completion.toAbsolutePath().getParent());
    String name = model.getCommandName();
    Files.writeString(completion, AutoComplete.bash(name, model), StandardCharsets.UTF_8);
  }
}
