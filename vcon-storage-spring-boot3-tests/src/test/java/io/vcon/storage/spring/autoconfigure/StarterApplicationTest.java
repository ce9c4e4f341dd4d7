package io.vcon.storage.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vcon.storage.api.Storage;
import io.vcon.storage.api.VconId;
import io.vcon.storage.tck.SampleVcons;
import io.vcon.storage.testsupport.RedisServerExtension;
import io.vcon.storage.testsupport.S3ProxyServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A whole Spring Boot application with the starter: vCons saved from a real redis-server to S3Proxy
 * through the Storage bean and read back; the Actuator health endpoint UP, then DOWN with the
 * reason once S3Proxy is stopped.
 */
@SpringBootTest(
    classes = StarterApplicationTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.endpoints.web.exposure.include=health",
      "management.endpoint.health.show-details=always",
      "vcon.storage.health.timeout=20s"
    })
class StarterApplicationTest {

  private static final String ACCESS_KEY = "starter-access";
  private static final String SECRET_KEY = "starter-Secret-5f0c";
  private static final String BUCKET = "starter-vcons";

  @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();

  // Our own S3Proxy, not the JVM's shared one: this test stops it.
  private static final S3ProxyServer S3 = S3ProxyServer.startUnshared(ACCESS_KEY, SECRET_KEY);

  @DynamicPropertySource
  static void storage(DynamicPropertyRegistry properties) {
    S3.createBucket(BUCKET);
    properties.add("vcon.storage.source.module", () -> "redis");
    properties.add("vcon.storage.source.options.url", REDIS::url);
    String s3 = "vcon.storage.storages.s3.";
    properties.add(s3 + "module", () -> "storage.s3");
    properties.add(s3 + "options.aws_bucket", () -> BUCKET);
    properties.add(s3 + "options.aws_region", () -> "us-east-1");
    properties.add(s3 + "options.s3_path", () -> "vcons");
    properties.add(s3 + "options.endpoint_url", () -> S3.endpoint().toString());
    properties.add(s3 + "options.aws_access_key_id", () -> ACCESS_KEY);
    // A placeholder, as a secret would come from the environment.
    properties.add(s3 + "options.aws_secret_access_key", () -> "${starter.test.secret}");
    properties.add("starter.test.secret", () -> SECRET_KEY);
    properties.add(s3 + "options.max_retries", () -> "0");
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @Autowired Storage storage;
  @Autowired MeterRegistry meters;

  @Value("${local.server.port}")
  int port;

  @Test
  @DisplayName(
      "save from Redis to S3 and read back; health UP, then DOWN with the reason when S3 stops")
  void saveReadBackAndHealth() throws Exception {
    String id = SampleVcons.newId();
    String json = SampleVcons.json(id, "2024-01-15T10:00:00Z", "");
    REDIS.admin().set("vcon:" + id, json);

    storage.save(VconId.of(id)).orThrow();

    assertThat(storage.get(VconId.of(id)).bytes()).isEqualTo(json.getBytes(StandardCharsets.UTF_8));
    try (S3Client raw = S3.rawClient()) {
      ResponseBytes<GetObjectResponse> object =
          raw.getObjectAsBytes(b -> b.bucket(BUCKET).key("vcons/2024/01/15/" + id + ".vcon"));
      assertThat(object.asUtf8String()).isEqualTo(json);
    }
    // One save, one timer: Boot's observation handler makes it; the decorator does not time it
    // again.
    assertThat(
            meters
                .find("vcon.storage.operations")
                .tags("store", "s3", "operation", "save")
                .timers())
        .singleElement()
        .extracting(Timer::count)
        .isEqualTo(1L);

    HttpResponse<String> up = health();
    System.out.println(
        "Boot " + BootLine.version() + " UP: " + up.body()); // kept in the surefire report
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.body())
        .contains(
            "\"status\":\"UP\"",
            "\"s3\":",
            "\"source\":",
            "\"backend\":\"s3\"",
            "\"backend\":\"redis\"",
            "the credentials are accepted");

    S3.stop();
    HttpResponse<String> down = health();
    System.out.println("Boot " + BootLine.version() + " DOWN: " + down.body());
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.body())
        .contains(
            "\"status\":\"DOWN\"",
            "\"failedCheck\":\"endpoint\"",
            "\"reason\":",
            "check endpoint_url");
    assertThat(down.body()).doesNotContain(SECRET_KEY);
  }

  private HttpResponse<String> health() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/vconStorage"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
