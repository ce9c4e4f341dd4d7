package io.vcon.storage.cli;

import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconNotFoundException;
import io.vcon.storage.api.VconStorageException;
import io.vcon.storage.api.VconStore;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "delete",
    description =
        "Deletes vCons (object and lookup pointer). A uuid that is not there is an error.")
final class DeleteCommand extends BaseCommand {

  @Parameters(arity = "1..*", paramLabel = "UUID", description = "Ids of the vCons to delete.")
  List<String> ids;

  @Override
  public Integer call() {
    try (Session session = root.session()) {
      // Every id is checked before anything is deleted: a typo fails the command with nothing done.
      List<VconId> parsed = ids.stream().map(session::id).toList();
      VconStore store = session.store();
      List<String> deleted = new ArrayList<>();
      for (VconId id : parsed) {
        try {
          if (store.delete(id)) {
            deleted.add(id.value());
            if (!json()) {
              out().println("deleted " + id);
            }
          } else {
            failed(
                id.value(),
                new VconNotFoundException(id, session.selectedName() + " (" + store.name() + ")"));
          }
        } catch (VconStorageException e) {
          failed(id.value(), e);
        }
      }
      if (json()) {
        summary("delete").put("store", session.selectedName()).put("deleted", deleted).print();
      }
      return exitCode(false);
    }
  }
}
