package io.vcon.storage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vcon.storage.api.RawObjects;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.s3.S3VconStore;
import io.vcon.storage.tck.SampleVcons;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The least-privilege policy in {@code docs/s3.md} grants exactly the S3 actions the store's client calls: every
 * store operation runs against S3Proxy while {@link SdkRecorder} notes the SDK operation names, which map to IAM
 * actions as AWS documents them.
 */
class IamPolicyTest {

  /** SDK operation → IAM action (HeadObject is authorised as GetObject, DeleteObjects as DeleteObject). */
  static final Map<String, String> IAM =
      Map.of(
          "GetObject", "s3:GetObject",
          "HeadObject", "s3:GetObject",
          "PutObject", "s3:PutObject",
          "DeleteObject", "s3:DeleteObject",
          "DeleteObjects", "s3:DeleteObject",
          "ListObjectsV2", "s3:ListBucket");

  @Test
  @DisplayName(
      "docs/s3.md's policy lists exactly the IAM actions of the SDK calls a full run makes")
  void policyMatchesCalls() throws Exception {
    S3Server s3 = S3Server.shared();
    Set<String> operations = new TreeSet<>();
    for (boolean overwrite : new boolean[] {true, false}) {
      String prefix = "iam/" + overwrite;
      SdkRecorder.start(false);
      try (VconStore store =
          S3VconStore.create(s3.config(s3.port(), prefix).overwrite(overwrite).build())) {
        exercise(store);
      } finally {
        operations.addAll(SdkRecorder.stop().stream().map(SdkRecorder.Call::operation).toList());
      }
    }
    assertThat(IAM.keySet()).as("operations the mapping knows").containsAll(operations);
    Set<String> called =
        operations.stream().map(IAM::get).collect(Collectors.toCollection(TreeSet::new));

    String doc = Files.readString(Path.of("..", "docs", "s3.md"), StandardCharsets.UTF_8);
    Matcher block =
        Pattern.compile("## IAM: least privilege.*?```json\\n(.*?)```", Pattern.DOTALL)
            .matcher(doc);
    assertThat(block.find())
        .as("a json block under '## IAM: least privilege' in docs/s3.md")
        .isTrue();
    JsonNode policy = new ObjectMapper().readTree(block.group(1));
    Set<String> granted = new TreeSet<>();
    for (JsonNode statement : policy.get("Statement")) {
      assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
      JsonNode action = statement.get("Action");
      if (action.isArray()) {
        action.forEach(a -> granted.add(a.asText()));
      } else {
        granted.add(action.asText());
      }
      assertThat(statement.get("Action").toString()).doesNotContain("*");
    }
    assertThat(operations)
        .as("operations called")
        .contains("GetObject", "PutObject", "ListObjectsV2");
    assertThat(granted)
        .as("actions in docs/s3.md vs actions of the SDK calls " + operations)
        .isEqualTo(called);
  }

  /** Every operation of the store, including the optional ones and the raw objects used by verify/repair. */
  private static void exercise(VconStore store) {
    Vcon a = SampleVcons.vcon("2024-01-15T10:00:00Z");
    Vcon b = SampleVcons.vcon("2024-01-16T10:00:00Z");
    store.put(a);
    store.put(a);
    store.putIfAbsent(b);
    store.get(a.id());
    store.get(a.id(), LocalDate.of(2024, 1, 15));
    store.get(SampleVcons.vcon(null).id());
    store.exists(b.id());
    try (var ids = store.list(LocalDate.of(2024, 1, 15), LocalDate.of(2024, 1, 16))) {
      assertThat(ids.toList()).contains(a.id(), b.id());
    }
    RawObjects raw = store.rawObjects();
    List<String> keys = raw.list("").toList();
    raw.read(keys.get(0));
    raw.write(raw.keys().pointerKey(a.id()), "2024/01/15".getBytes(StandardCharsets.US_ASCII));
    store.delete(a.id());
    store.deleteAll(List.of(b.id()));
    raw.delete(raw.keys().pointerKey(a.id()));
  }
}
