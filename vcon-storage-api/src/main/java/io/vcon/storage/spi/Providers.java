package io.vcon.storage.spi;

import io.vcon.storage.api.StorageConfigurationException;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.api.VconStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Finds store and source providers with {@link ServiceLoader} and selects one by id or alias.
 *
 * <p>An unknown id gets an error listing the ids found; a known id whose jar is missing also names the Maven
 * artifact to add; two providers claiming one id are an error naming both classes (the JDK would silently
 * keep one, which hides a classpath mistake).
 */
public final class Providers {

  private static final Map<String, String> KNOWN_ARTIFACTS =
      Map.of(
          "s3", "io.vcon.storage:vcon-storage-s3",
          "storage.s3", "io.vcon.storage:vcon-storage-s3",
          "file", "io.vcon.storage:vcon-storage-fs",
          "storage.file", "io.vcon.storage:vcon-storage-fs",
          "memory", "io.vcon.storage:vcon-storage-inmemory",
          "redis", "io.vcon.storage:vcon-storage-redis-source");

  private Providers() {}

  /** The store providers visible to this class's loader (and, on the module path, to the module layer). */
  public static List<VconStoreProvider> storeProviders() {
    return load(VconStoreProvider.class, Providers.class.getClassLoader());
  }

  public static List<VconSourceProvider> sourceProviders() {
    return load(VconSourceProvider.class, Providers.class.getClassLoader());
  }

  /** The store provider with this id or alias. */
  public static VconStoreProvider storeProvider(String idOrAlias) {
    return select(storeProviders(), idOrAlias, "store");
  }

  public static VconSourceProvider sourceProvider(String idOrAlias) {
    return select(sourceProviders(), idOrAlias, "source");
  }

  /** A new store from the provider with this id or alias. */
  public static VconStore createStore(String idOrAlias, ProviderOptions options) {
    return storeProvider(idOrAlias).create(options);
  }

  public static VconSource createSource(String idOrAlias, ProviderOptions options) {
    return sourceProvider(idOrAlias).create(options);
  }

  /** Selects by id or alias from an explicit list; public so that tests and containers can pass their own. */
  public static <P extends NamedProvider> P select(
      List<P> providers, String idOrAlias, String kind) {
    Map<String, P> byName = index(providers, kind);
    P found = byName.get(idOrAlias);
    if (found != null) {
      return found;
    }
    TreeSet<String> ids = new TreeSet<>();
    providers.forEach(p -> ids.add(p.id()));
    String artifact = KNOWN_ARTIFACTS.get(idOrAlias);
    String hint =
        artifact != null
            ? " The "
                + kind
                + " '"
                + idOrAlias
                + "' is provided by "
                + artifact
                + ", which is not on the classpath. Make sure to add it as a dependency."
            : "";
    throw new StorageConfigurationException(
        "Unknown "
            + kind
            + " module '"
            + idOrAlias
            + "'; "
            + kind
            + " modules found: "
            + (ids.isEmpty() ? "none" : String.join(", ", ids))
            + "."
            + hint);
  }

  private static <P extends NamedProvider> Map<String, P> index(List<P> providers, String kind) {
    Map<String, P> byName = new HashMap<>();
    for (P provider : providers) {
      List<String> names = new ArrayList<>();
      names.add(provider.id());
      names.addAll(provider.aliases());
      for (String name : names) {
        P previous = byName.putIfAbsent(name, provider);
        if (previous != null && previous != provider) {
          throw new StorageConfigurationException(
              "Two "
                  + kind
                  + " providers claim the name '"
                  + name
                  + "': "
                  + previous.getClass().getName()
                  + " and "
                  + provider.getClass().getName()
                  + "; remove one of their jars from the classpath.");
        }
      }
    }
    return byName;
  }

  private static <P> List<P> load(Class<P> type, ClassLoader loader) {
    List<P> found = new ArrayList<>();
    try {
      ServiceLoader<P> serviceLoader =
          Providers.class.getModule().isNamed()
              ? ServiceLoader.load(type)
              : ServiceLoader.load(type, loader);
      serviceLoader.forEach(found::add);
    } catch (ServiceConfigurationError e) {
      throw new StorageConfigurationException(
          "A "
              + type.getSimpleName()
              + " declared in META-INF/services could not be loaded: "
              + e.getMessage(),
          e);
    }
    found.sort(Comparator.comparing(p -> p.getClass().getName()));
    return found;
  }
}
