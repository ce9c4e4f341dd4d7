package io.vcon.storage.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.vcon.storage.api.key.DatePath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link CreatedAt} files a vCon under the date vcon-server would: for each of 2,500 texts, the
 * date path {@code datetime.fromisoformat(text).strftime("%Y/%m/%d")} gave on CPython 3.11 (or that
 * it raised), recorded in {@code created-at-python.tsv} by {@code
 * src/test/python/created_at_corpus.py}. The only difference allowed is ours on purpose: a final
 * lower-case {@code z} (ADR 0023).
 */
class CreatedAtPythonTest {

  @Test
  void agreesWithPythonsFromIsoFormat() throws IOException {
    List<String> disagreements = new ArrayList<>();
    int accepted = 0;
    int lines = 0;
    JsonFactory json = new JsonFactory();
    try (InputStream in = getClass().getResourceAsStream("/created-at-python.tsv");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.startsWith("#")) {
          continue;
        }
        lines++;
        int tab = line.lastIndexOf('\t');
        String text;
        try (JsonParser p = json.createParser(line.substring(0, tab))) {
          p.nextToken();
          text = p.getText();
        }
        String python = line.substring(tab + 1);
        String ours;
        try {
          ours = DatePath.format(CreatedAt.parse(text).localDate());
          accepted++;
        } catch (InvalidVconException e) {
          ours = "ERROR";
        }
        boolean lowerCaseZ = python.equals("ERROR") && text.endsWith("z");
        if (!ours.equals(python) && !lowerCaseZ) {
          disagreements.add(line + "\t(ours: " + ours + ")");
        }
      }
    }
    assertThat(lines).isEqualTo(2500);
    assertThat(accepted).isGreaterThan(250);
    assertThat(disagreements).isEmpty();
  }
}
