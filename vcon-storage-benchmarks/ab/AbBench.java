package ab;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code ValidationBench} for two builds of vcon-storage-api side by side: {@code
 * VconParser.parse(id, bytes)} loaded from the class directories {@code -Dab.before} and {@code
 * -Dab.after}, each in its own class loader, on the documents {@code ValidationBench} uses (written
 * to {@code -Dab.docs} by {@code Documents}). See run.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AbBench {
  static final String ID = "019f159f-2cfb-8d95-b9a2-279e0d16bc46";

  @Param({"fixture", "1KB", "100KB", "10MB", "50MB"})
  public String size;

  private byte[] doc;
  private MethodHandle before;
  private MethodHandle after;

  @Setup
  public void setUp() throws Throwable {
    doc = Files.readAllBytes(Path.of(System.getProperty("ab.docs"), size));
    before = load(System.getProperty("ab.before"));
    after = load(System.getProperty("ab.after"));
    Object a = (Object) before.invokeExact(doc);
    Object b = (Object) after.invokeExact(doc);
  }

  static MethodHandle load(String dir) throws Exception {
    URLClassLoader l =
        new URLClassLoader(
            new URL[] {Path.of(dir).toUri().toURL()}, AbBench.class.getClassLoader());
    Class<?> idClass = l.loadClass("io.vcon.storage.api.VconId");
    Object id = idClass.getMethod("of", String.class).invoke(null, ID);
    Class<?> parserClass = l.loadClass("io.vcon.storage.api.VconParser");
    Object parser = parserClass.getMethod("defaults").invoke(null);
    MethodHandle mh =
        MethodHandles.publicLookup()
            .findVirtual(
                parserClass,
                "parse",
                MethodType.methodType(
                    l.loadClass("io.vcon.storage.api.Vcon"), idClass, byte[].class));
    mh = MethodHandles.insertArguments(mh.bindTo(parser), 0, id);
    return mh.asType(MethodType.methodType(Object.class, byte[].class));
  }

  @Benchmark
  public Object before() throws Throwable {
    return before.invokeExact(doc);
  }

  @Benchmark
  public Object after() throws Throwable {
    return after.invokeExact(doc);
  }
}
