package io.vcon.storage.spring.autoconfigure;

import io.vcon.storage.api.Storage;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.config.StorageAssembly;
import io.vcon.storage.config.StorageDecorator;
import io.vcon.storage.config.VconStorageConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;

/**
 * vCon storage from {@code vcon.storage.*}: one {@link VconStore} bean per configured store (named
 * and qualified by the store's name), the {@link VconSource} bean {@code vconSource} when a source
 * is configured, and the {@link Storage} facade over them. Every bean gives way to one the
 * application defines. Metrics, observations, the application's {@code S3Client} and Actuator
 * health join when they are on the class path. Nothing happens until {@code vcon.storage.storages},
 * {@code .source} or {@code .config-file} is set; switched off with {@code
 * vcon.storage.enabled=false}.
 */
@AutoConfiguration(
    afterName = {
      // The application's S3Client (Spring Cloud AWS) must be defined before S3 stores look for it.
      "io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration"
    })
@ConditionalOnClass(Storage.class)
@ConditionalOnProperty(
    prefix = VconStorageProperties.PREFIX,
    name = "enabled",
    matchIfMissing = true)
@Conditional(OnVconStorageConfigured.class)
@EnableConfigurationProperties(VconStorageProperties.class)
@Import({
  VconStorageBeanRegistrar.class,
  VconStorageMetricsConfiguration.class,
  VconStorageS3Configuration.class
})
public class VconStorageAutoConfiguration {

  /**
   * Creates the configured stores and source, decorated; the store and source beans come from it.
   *
   * @param config the parsed configuration
   * @param creators other ways to create a store (an application's S3Client)
   * @param decorators wrappers applied to every configured store and the source (metrics), in order
   * @return the factory
   */
  @Bean
  @ConditionalOnMissingBean
  public VconStorageFactory vconStorageFactory(
      VconStorageConfig config,
      ObjectProvider<StoreCreator> creators,
      ObjectProvider<StorageDecorator> decorators) {
    return new VconStorageFactory(
        config, creators.orderedStream().toList(), decorators.orderedStream().toList());
  }

  /**
   * The facade: {@code save(id)} reads from the source and writes to every configured store.
   *
   * @param config the parsed configuration, for the store names in their order
   * @param beans where the store beans are, by name
   * @param source the source, when one is configured or defined
   * @return the facade; closing the context closes the stores and the source, not this
   */
  @Bean(destroyMethod = "") // the stores and the source are beans, closed by the context themselves
  @ConditionalOnMissingBean
  public Storage vconStorage(
      VconStorageConfig config, ListableBeanFactory beans, ObjectProvider<VconSource> source) {
    Map<String, VconStore> stores = new LinkedHashMap<>();
    for (String name : config.storages().keySet()) {
      stores.put(name, beans.getBean(name, VconStore.class));
    }
    // The assembly's facade connects the source's dead letters (redis: dead_letter: true).
    return StorageAssembly.facade(Optional.ofNullable(source.getIfUnique()), stores);
  }
}
