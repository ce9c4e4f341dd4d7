package io.vcon.storage.cli;

import io.vcon.storage.api.VconStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "ls",
    description = {
      "Lists stored vCons: date folder and uuid, one per line.",
      "With --date or --since/--until it lists those days; without, every object (flat legacy keys"
          + " too)."
    })
final class LsCommand extends BaseCommand {

  @Mixin DateRange range;

  @Override
  public Integer call() {
    var days = range.days(spec);
    try (Session session = root.session()) {
      VconStore store = session.store();
      List<Object> rows = new ArrayList<>();
      long count = 0;
      try (Stream<Listing.Entry> entries = Listing.entries(store, days)) {
        for (Listing.Entry e : (Iterable<Listing.Entry>) entries::iterator) {
          count++;
          if (json()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", e.id().value());
            row.put("date", e.day() == null ? null : e.dayText());
            rows.add(row);
          } else {
            out().println(e.dayText() + "  " + e.id().value());
          }
        }
      }
      if (json()) {
        out().println(Json.write(rows));
      } else {
        err().println(count + " vCons in " + session.selectedName() + " (" + store.name() + ")");
      }
      return VconStorageCli.OK;
    }
  }
}
