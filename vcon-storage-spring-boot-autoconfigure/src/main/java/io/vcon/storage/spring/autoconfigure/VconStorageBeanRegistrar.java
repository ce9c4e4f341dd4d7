package io.vcon.storage.spring.autoconfigure;

import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStore;
import io.vcon.storage.config.VconStorageConfig;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link VconStore} bean per configured store, named and qualified by the store's
 * name, and the {@link VconSource} bean {@code vconSource}, before any bean is created: their
 * number comes from the configuration. A bean the application already defines under a store's name,
 * or any {@code VconSource} bean, replaces ours. Each is closed when the context closes.
 */
class VconStorageBeanRegistrar
    implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

  /** The bean name of the parsed configuration. */
  static final String CONFIG_BEAN = "vconStorageConfig";

  /** The bean name of the source. */
  static final String SOURCE_BEAN = "vconSource";

  private Environment environment;
  private BeanFactory beanFactory;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  @Override
  public void registerBeanDefinitions(
      AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
    if (registry.containsBeanDefinition(CONFIG_BEAN)) {
      return;
    }
    VconStorageProperties properties =
        Binder.get(environment)
            .bind(VconStorageProperties.PREFIX, Bindable.of(VconStorageProperties.class))
            .orElseGet(VconStorageProperties::new);
    VconStorageConfig config = PropertiesConfigReader.read(properties, environment);
    RootBeanDefinition configBean = new RootBeanDefinition(VconStorageConfig.class, () -> config);
    registry.registerBeanDefinition(CONFIG_BEAN, configBean);

    for (String name : config.storages().keySet()) {
      if (registry.containsBeanDefinition(name)) {
        continue; // the application's own bean under this name replaces ours
      }
      RootBeanDefinition store =
          new RootBeanDefinition(
              VconStore.class,
              () -> beanFactory.getBean(VconStorageFactory.class).createStore(name));
      store.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
      store.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
      registry.registerBeanDefinition(name, store);
    }
    if (config.source().isPresent() && !hasSource()) {
      RootBeanDefinition source =
          new RootBeanDefinition(
              VconSource.class,
              () -> beanFactory.getBean(VconStorageFactory.class).createSource().orElseThrow());
      source.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
      registry.registerBeanDefinition(SOURCE_BEAN, source);
    }
  }

  private boolean hasSource() {
    return beanFactory instanceof ListableBeanFactory listable
        && listable.getBeanNamesForType(VconSource.class, true, false).length > 0;
  }
}
