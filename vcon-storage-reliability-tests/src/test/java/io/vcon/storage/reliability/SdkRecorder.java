package io.vcon.storage.reliability;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * A global SDK interceptor (registered in {@code software/amazon/awssdk/global/handlers/execution.interceptors},
 * test resources only), so the store's own client is observed without any seam in main code. While recording,
 * it notes each operation name and request URI; while blocking, it stops every request before it is sent, so a
 * test can see where a client would go without leaving the loopback interface.
 */
public final class SdkRecorder implements ExecutionInterceptor {

  record Call(String operation, URI uri) {}

  private static final List<Call> CALLS = new CopyOnWriteArrayList<>();
  private static volatile boolean recording;
  private static volatile boolean blocking;

  static void start(boolean block) {
    CALLS.clear();
    blocking = block;
    recording = true;
  }

  static List<Call> stop() {
    recording = false;
    blocking = false;
    return List.copyOf(CALLS);
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    if (!recording) {
      return;
    }
    SdkHttpRequest request = context.httpRequest();
    CALLS.add(
        new Call(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), request.getUri()));
    if (blocking) {
      throw SdkClientException.create(
          "blocked by the test before sending to " + request.protocol() + "://" + request.host());
    }
  }
}
