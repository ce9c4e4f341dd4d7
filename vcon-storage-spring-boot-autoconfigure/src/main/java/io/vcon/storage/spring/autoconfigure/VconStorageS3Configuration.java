package io.vcon.storage.spring.autoconfigure;

import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.config.ModuleDefinition;
import io.vcon.storage.s3.S3StoreConfig;
import io.vcon.storage.s3.S3VconStore;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 stores on the application's own {@code S3Client} bean (Spring Cloud AWS defines one), unless a
 * store's options name their own endpoint or keys. The client is used as it is, and never closed by
 * the store: the application owns it. The one place the starter knows an adapter (ADR 0017).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({S3Client.class, S3VconStore.class})
class VconStorageS3Configuration {

  /**
   * Options that say a store wants its own client: a different server, or different credentials.
   */
  static final Set<String> OWN_CLIENT_OPTIONS =
      Set.of("endpoint_url", "aws_access_key_id", "aws_secret_access_key", "aws_session_token");

  @Bean
  StoreCreator vconStorageS3ClientStoreCreator(ObjectProvider<S3Client> client) {
    return (providerId, definition) -> {
      if (!"s3".equals(providerId) || ownsClient(definition)) {
        return Optional.empty();
      }
      S3Client application = client.getIfUnique();
      if (application == null) {
        return Optional.empty();
      }
      S3StoreConfig config = S3StoreConfig.fromOptions(definition.providerOptions());
      try {
        return Optional.of(S3VconStore.builder(config).client(application).build());
      } catch (StorageConfigurationException e) {
        // The store refuses options that configure a client (aws_region, max_retries, ...) when
        // lent one.
        throw new StorageConfigurationException(
            definition.yamlPath()
                + ".options: this store uses the application's S3Client bean (its options name no"
                + " endpoint_url or keys of its own), so "
                + e.getMessage()
                + ". To give the store its own client instead, set its endpoint_url or keys.",
            e);
      }
    };
  }

  static boolean ownsClient(ModuleDefinition definition) {
    return OWN_CLIENT_OPTIONS.stream().anyMatch(definition.options()::containsKey);
  }
}
