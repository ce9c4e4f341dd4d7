package io.vcon.storage.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.tck.SampleVcons;
import io.vcon.storage.testsupport.S3ProxyServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 stores on the application's own S3Client bean (as Spring Cloud AWS defines one), against
 * S3Proxy.
 */
class ApplicationS3ClientTest {

  private static final S3ProxyServer S3 =
      S3ProxyServer.shared("app-client-access", "app-client-secret");
  private static final String BUCKET = S3.createBucket("app-client-vcons");

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(VconStorageAutoConfiguration.class))
          .withPropertyValues(
              "vcon.storage.storages.s3.module=storage.s3",
              "vcon.storage.storages.s3.options.aws_bucket=" + BUCKET,
              "vcon.storage.storages.s3.options.s3_path=app");

  @Test
  @DisplayName(
      "options without endpoint or keys: the store uses the application's client and never closes"
          + " it")
  void usesTheApplicationsClient() {
    S3Client application = S3.rawClient();
    Vcon vcon = SampleVcons.vcon("2024-01-15T10:00:00Z");
    // The client is the application's: its context would close it, so this one is told not to.
    runner
        .withBean(S3Client.class, () -> application, bean -> bean.setDestroyMethodName(""))
        .run(
            context -> {
              assertThat(context).hasBean("vconStorageS3ClientStoreCreator");
              context.getBean("s3", VconStore.class).put(vcon);
            });
    // The context is closed, the store with it; the application's client still works.
    String key = "app/2024/01/15/" + vcon.id().value() + ".vcon";
    assertThat(application.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray())
        .isEqualTo(vcon.bytes());
    application.close();
  }

  @Test
  @DisplayName("options naming their own endpoint and keys: the store builds its own client")
  void ownEndpointAndKeys() {
    try (S3Client elsewhere =
        S3Client.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create("http://127.0.0.1:9"))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")))
            .build()) {
      runner
          .withBean(S3Client.class, () -> elsewhere)
          .withPropertyValues(
              "vcon.storage.storages.s3.options.endpoint_url=" + S3.endpoint(),
              "vcon.storage.storages.s3.options.aws_region=us-east-1",
              "vcon.storage.storages.s3.options.aws_access_key_id=app-client-access",
              "vcon.storage.storages.s3.options.aws_secret_access_key=app-client-secret")
          .run(
              context -> {
                Vcon vcon = SampleVcons.vcon("2024-01-16T10:00:00Z");
                VconStore store = context.getBean("s3", VconStore.class);
                store.put(vcon);
                assertThat(
                        new String(
                            store.get(vcon.id()).orElseThrow().bytes(), StandardCharsets.UTF_8))
                    .isEqualTo(new String(vcon.bytes(), StandardCharsets.UTF_8));
              });
    }
  }

  @Test
  @DisplayName(
      "client options (aws_region) with the application's client: a start-up error that says what"
          + " to do")
  void clientOptionsWithTheApplicationsClient() {
    try (S3Client application = S3.rawClient()) {
      runner
          .withBean(S3Client.class, () -> application)
          .withPropertyValues("vcon.storage.storages.s3.options.aws_region=eu-west-1")
          .run(
              context ->
                  assertThat(
                          VconStorageAutoConfigurationTest.configError(context.getStartupFailure()))
                      .hasMessageContaining(
                          "vcon.storage.storages.s3.options: this store uses the application's"
                              + " S3Client")
                      .hasMessageContaining("aws_region")
                      .hasMessageContaining("set its endpoint_url or keys"));
    }
  }

  @Test
  @DisplayName("without the S3 adapter on the class path: no S3 client wiring")
  void withoutTheS3Adapter() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(VconStorageAutoConfiguration.class))
        .withPropertyValues("vcon.storage.storages.m.module=memory")
        .withClassLoader(new FilteredClassLoader("io.vcon.storage.s3"))
        .run(
            context ->
                assertThat(context)
                    .hasNotFailed()
                    .doesNotHaveBean("vconStorageS3ClientStoreCreator"));
  }
}
