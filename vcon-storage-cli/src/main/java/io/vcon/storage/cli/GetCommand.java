package io.vcon.storage.cli;

import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconNotFoundException;
import io.vcon.storage.api.VconStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = "Prints a stored vCon to stdout, byte for byte as it is stored.")
final class GetCommand extends BaseCommand {

  @Parameters(paramLabel = "UUID", description = "The vCon's id.")
  String id;

  @Override
  public Integer call() {
    try (Session session = root.session()) {
      VconId vconId = session.id(id);
      VconStore store = session.store();
      Vcon vcon =
          store.get(vconId).orElseThrow(() -> new VconNotFoundException(vconId, session.selectedName() + " (" + store.name() + ")"));
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
