package io.vcon.storage.bench;

import io.vcon.storage.api.IdPolicy;
import io.vcon.storage.api.VconId;
import io.vcon.storage.api.key.KeyStrategy;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Id validation and key building: what every save and get does before any I/O. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IdBench {

  private final String uuid = "019f159f-2cfb-8d95-b9a2-279e0d16bc46";
  private final String token = "SAMPLE-1234-abcd-5678";
  private final VconId id = VconId.of(uuid);
  private final LocalDate day = LocalDate.of(2026, 6, 29);
  private final KeyStrategy keys = KeyStrategy.vconServer("vcons");

  @Benchmark
  public VconId validateUuid() {
    return VconId.of(uuid);
  }

  @Benchmark
  public VconId validateToken() {
    return VconId.of(token, IdPolicy.TOKEN);
  }

  @Benchmark
  public String objectKey() {
    return keys.objectKey(id, day);
  }

  @Benchmark
  public String pointerKey() {
    return keys.pointerKey(id);
  }
}
