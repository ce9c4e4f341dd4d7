package io.vcon.storage.bench;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Counts every HTTP request any S3 client in this JVM sends, by method, retries included (one count per attempt).
 * Registered for all clients through the SDK's global interceptor file
 * ({@code software/amazon/awssdk/global/handlers/execution.interceptors}), so the store's own client is counted
 * without a hook in the library, and the raw-SDK ceiling pays the same (tiny) cost.
 */
public final class RequestCounter implements ExecutionInterceptor {

  private static final Map<SdkHttpMethod, LongAdder> COUNTS = new EnumMap<>(SdkHttpMethod.class);

  static {
    for (SdkHttpMethod m : SdkHttpMethod.values()) {
      COUNTS.put(m, new LongAdder());
    }
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    COUNTS.get(context.httpRequest().method()).increment();
  }

  /** A snapshot of the counts so far. */
  public static Snapshot snapshot() {
    return new Snapshot(
        COUNTS.get(SdkHttpMethod.PUT).sum(),
        COUNTS.get(SdkHttpMethod.GET).sum(),
        COUNTS.get(SdkHttpMethod.HEAD).sum(),
        COUNTS.get(SdkHttpMethod.DELETE).sum() + COUNTS.get(SdkHttpMethod.POST).sum());
  }

  /** Requests by method; {@code other} is DELETE and POST. */
  public record Snapshot(long put, long get, long head, long other) {
    Snapshot minus(Snapshot before) {
      return new Snapshot(
          put - before.put, get - before.get, head - before.head, other - before.other);
    }

    long total() {
      return put + get + head + other;
    }
  }
}
