package io.vcon.storage.cli;

import io.vcon.storage.api.Storage;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "get",
    description = "Prints a stored vCon to stdout, byte for byte as it is stored.")
final class GetCommand extends BaseCommand {

  @Parameters(paramLabel = "UUID", description = "The vCon's id.")
  String id;

  @Override
  public Integer call() {
    try (Session session = root.session()) {
      VconId vconId = session.id(id);
      // Through the facade, as a library user reads: its not-found error names where it looked.
      Storage storage =
          session.storage(Optional.empty(), Map.of(session.selectedName(), session.store()));
      Vcon vcon = storage.get(vconId);
      try {
        context().stdout.write(vcon.bytes());
        context().stdout.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write to stdout", e);
      }
      return VconStorageCli.OK;
    }
  }
}
