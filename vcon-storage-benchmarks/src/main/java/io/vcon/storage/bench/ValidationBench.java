package io.vcon.storage.bench;

import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconParser;
import io.vcon.storage.tck.Fixtures;
import io.vcon.storage.tck.SampleVcons;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Document validation ({@code uuid} equals the id, {@code created_at} parses, well-formed UTF-8 JSON) on a real
 * fixture and on synthetic vCons with an inline base64 recording. Run with {@code -prof gc}: bytes allocated per
 * operation divided by the document's size shows that no tree is built (a tree of a 50 MB document would cost
 * several bytes per byte).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ValidationBench {

  static final String FIXTURE = "valid/ab_email_acct_prob_thread.vcon";
  static final String ID = "019f159f-2cfb-8d95-b9a2-279e0d16bc46";

  @Param({"fixture", "1KB", "100KB", "10MB", "50MB"})
  public String size;

  private byte[] document;
  private VconId id;
  private final VconParser parser = VconParser.defaults();

  @Setup
  public void setUp() {
    document = document(size);
    id = VconId.of(ID);
  }

  /** The document of a {@code size} parameter; every one has the uuid {@link #ID}. */
  static byte[] document(String size) {
    return switch (size) {
      case "fixture" -> Fixtures.bytes(FIXTURE);
      case "1KB" -> large(1024);
      case "100KB" -> large(100 * 1024);
      case "10MB" -> large(10 * 1024 * 1024);
      case "50MB" -> large(50 * 1024 * 1024);
      default -> throw new IllegalArgumentException(size);
    };
  }

  private static byte[] large(int bytes) {
    return SampleVcons.large(ID, "2026-11-25T10:15:00.123-05:00", bytes, 42).bytes();
  }

  @Benchmark
  public Vcon validate() {
    return parser.parse(id, document);
  }
}
