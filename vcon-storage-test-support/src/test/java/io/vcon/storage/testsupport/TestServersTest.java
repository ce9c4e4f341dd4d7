package io.vcon.storage.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

class TestServersTest {

  @RegisterExtension
  static final S3ProxyExtension S3 =
      new S3ProxyExtension("ts-access-key", "ts-s3cr3t", "ts-bucket");

  @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();

  @Test
  void s3ServerIsSharedPerCredentialsAndMakesBucketsOnDemand() {
    S3ProxyServer server = S3.server();
    assertSame(server, S3ProxyServer.shared("ts-access-key", "ts-s3cr3t"));
    assertEquals("http://127.0.0.1:" + server.port(), S3.endpoint().toString());
    String other = server.createBucket("ts-other");
    assertEquals(other, server.createBucket("ts-other"));
    try (S3Client raw = S3.rawClient()) {
      raw.putObject(b -> b.bucket(S3.bucket()).key("k"), RequestBody.fromString("v"));
      assertEquals("v", raw.getObjectAsBytes(b -> b.bucket(S3.bucket()).key("k")).asUtf8String());
      assertTrue(raw.listObjectsV2(b -> b.bucket(other)).contents().isEmpty());
    }
  }

  @Test
  void s3ServerRefusesOtherCredentials() {
    S3ProxyServer other = S3ProxyServer.shared("ts-other-key", "ts-other-s3cr3t");
    assertNotEquals(S3.endpoint(), other.endpoint());
    try (S3Client wrong =
        S3Client.builder()
            .httpClientBuilder(Apache5HttpClient.builder())
            .endpointOverride(S3.endpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("ts-other-key", "ts-other-s3cr3t")))
            .build()) {
      S3Exception e =
          assertThrows(S3Exception.class, () -> wrong.headBucket(b -> b.bucket(S3.bucket())));
      assertEquals(403, e.statusCode());
    }
  }

  @Test
  void redisExtensionRestarts() {
    REDIS.admin().set("k", "v");
    assertEquals("redis://127.0.0.1:" + REDIS.port(), REDIS.url());
    int port = REDIS.port();
    REDIS.restartOnSamePort();
    assertEquals(port, REDIS.port());
    assertTrue(REDIS.running());
    assertNull(REDIS.admin().get("k"), "a restart empties the server");
  }

  @Test
  void redisWithPasswordAndSettings() {
    try (EmbeddedRedis redis = EmbeddedRedis.start("pa55", List.of("maxmemory 2mb"))) {
      assertEquals("redis://:pa55@127.0.0.1:" + redis.port(), redis.url());
      assertEquals("2097152", redis.admin().configGet("maxmemory").get("maxmemory"));
      try (RedisClient anonymous = RedisClient.create("127.0.0.1", redis.port())) {
        assertThrows(JedisAccessControlException.class, () -> anonymous.get("k"));
      }
      redis.stop();
      assertFalse(redis.running());
    }
  }
}
